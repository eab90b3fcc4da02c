package io.homelab.observer.controller.metrics.tsdb;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * One series: its samples since the last cut (sealed chunks of {@value #CHUNK_SAMPLES} plus one
 * open chunk) and where its older samples lie in blocks.
 */
final class HeadSeries {

  /** Prometheus's chunk size: reading one sample back decodes at most this many. */
  static final int CHUNK_SAMPLES = 120;

  final int id;
  final SortedMap<String, String> labels;
  final List<ChunkRef> sealed = new ArrayList<>();

  /** This series' chunks in blocks on disk, oldest first. */
  final List<BlockRef> blocks = new ArrayList<>();

  XorChunk open;

  /** Newest sample time ever accepted, also across cuts, to refuse out-of-order samples. */
  long lastT = Long.MIN_VALUE;

  double lastValue = Double.NaN;

  HeadSeries(int id, SortedMap<String, String> labels) {
    this.id = id;
    this.labels = labels;
  }

  /**
   * @return the change in bytes held
   */
  int append(long t, double v) {
    int before = open == null ? 0 : open.capacityBytes();
    if (open == null) {
      open = new XorChunk();
    }
    open.append(t, v);
    lastT = t;
    lastValue = v;
    int grown = open.capacityBytes() - before;
    if (open.count() >= CHUNK_SAMPLES) {
      byte[] data = open.bytes();
      sealed.add(new ChunkRef(data, open.count(), open.minTime(), open.maxTime()));
      grown += data.length - open.capacityBytes();
      open = null;
    }
    return grown;
  }

  boolean isEmpty() {
    return sealed.isEmpty() && open == null;
  }

  long minTime() {
    return !sealed.isEmpty()
        ? sealed.get(0).minT()
        : open == null ? Long.MAX_VALUE : open.minTime();
  }

  /** A chunk of this series in a block file. */
  record BlockRef(Block block, Block.Entry entry) {}

  void read(SampleBuffer into, long minT, long maxT) throws java.io.IOException {
    for (BlockRef b : blocks) {
      Block.Entry e = b.entry();
      if (e.maxT() >= minT && e.minT() <= maxT) {
        into.addChunk(b.block().read(e), e.count(), e.minT(), e.maxT(), b.block().chunkFormat);
      }
    }
    for (ChunkRef c : sealed) {
      if (c.maxT() >= minT && c.minT() <= maxT) {
        into.addChunk(c.data(), c.count(), c.minT(), c.maxT(), XorChunk.FORMAT);
      }
    }
    if (open != null && open.maxTime() >= minT && open.minTime() <= maxT) {
      into.addChunk(open.bytes(), open.count(), open.minTime(), open.maxTime(), XorChunk.FORMAT);
    }
  }

  /** All head samples re-encoded as one chunk, for a block. */
  XorChunk merged() {
    XorChunk all = new XorChunk();
    for (ChunkRef c : sealed) {
      XorChunk.decode(c.data(), c.count(), all::append);
    }
    if (open != null) {
      XorChunk.decode(open.bytes(), open.count(), all::append);
    }
    return all;
  }

  void clear() {
    sealed.clear();
    open = null;
  }
}
