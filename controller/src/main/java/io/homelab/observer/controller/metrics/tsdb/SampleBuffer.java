package io.homelab.observer.controller.metrics.tsdb;

import java.util.Arrays;

/** Growable parallel arrays of times and values, filled while reading chunks. */
final class SampleBuffer {

  private long[] times = new long[16];
  private double[] values = new double[16];
  private int size;
  private final long minT;
  private final long maxT;

  SampleBuffer(long minT, long maxT) {
    this.minT = minT;
    this.maxT = maxT;
  }

  /**
   * Adds an encoded chunk's samples within the range, decoding in one loop and stopping at the
   * first sample past the range (a chunk's samples are in time order).
   */
  void addChunk(byte[] data, int count, long chunkMinT, long chunkMaxT, int format) {
    reserve(count, chunkMinT, chunkMaxT);
    XorChunk.Decoder d = new XorChunk.Decoder(data, count, format);
    while (d.next()) {
      long t = d.t;
      if (t > maxT) {
        return;
      }
      if (t >= minT) {
        add(t, d.value());
      }
    }
  }

  /** Room for the share of a chunk's samples that the range covers, as if evenly spread. */
  private void reserve(int count, long chunkMinT, long chunkMaxT) {
    long span = chunkMaxT - chunkMinT;
    long covered = Math.min(chunkMaxT, maxT) - Math.max(chunkMinT, minT);
    long need = span <= 0 ? count : (long) ((double) count * covered / span) + 2;
    if (size + need > times.length) {
      int n = (int) Math.min(Integer.MAX_VALUE - 8, size + need);
      times = Arrays.copyOf(times, n);
      values = Arrays.copyOf(values, n);
    }
  }

  private void add(long t, double v) {
    if (size > 0 && t <= times[size - 1]) {
      return; // overlap between a block and the head after a crash between cut and WAL clean-up
    }
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    times[size] = t;
    values[size] = v;
    size++;
  }

  int size() {
    return size;
  }

  long[] times() {
    return size == times.length ? times : Arrays.copyOf(times, size);
  }

  double[] values() {
    return size == values.length ? values : Arrays.copyOf(values, size);
  }
}
