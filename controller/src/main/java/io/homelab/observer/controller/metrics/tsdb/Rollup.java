package io.homelab.observer.controller.metrics.tsdb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Downsampling of expired raw blocks into fixed-step min/max/avg roll-ups. The average keeps the
 * series' own labels, so graphs and {@code rate()} continue across the raw/roll-up boundary; the
 * minimum and maximum are series of their own with {@code __rollup__="min"} or {@code "max"},
 * returned only to selectors that name that label.
 */
final class Rollup {

  static final String LABEL = "__rollup__";

  private Rollup() {}

  static List<Block.Input> of(Block raw, long step) throws IOException {
    List<Block.Input> out = new ArrayList<>();
    for (Block.Entry e : raw.entries) {
      XorChunk avg = new XorChunk();
      XorChunk min = new XorChunk();
      XorChunk max = new XorChunk();
      Bucket b = new Bucket(step, avg, min, max);
      raw.decode(e, b);
      b.flush();
      out.add(new Block.Input(e.labels(), avg));
      out.add(new Block.Input(with(e.labels(), "min"), min));
      out.add(new Block.Input(with(e.labels(), "max"), max));
    }
    return out;
  }

  private static SortedMap<String, String> with(SortedMap<String, String> labels, String kind) {
    TreeMap<String, String> l = new TreeMap<>(labels);
    l.put(LABEL, kind);
    return l;
  }

  /** Accumulates one step's samples; stale markers do not count. */
  private static final class Bucket implements XorChunk.SampleConsumer {
    private final long step;
    private final XorChunk avg;
    private final XorChunk min;
    private final XorChunk max;
    private long start = Long.MIN_VALUE;
    private double lo;
    private double hi;
    private double sum;
    private int n;

    Bucket(long step, XorChunk avg, XorChunk min, XorChunk max) {
      this.step = step;
      this.avg = avg;
      this.min = min;
      this.max = max;
    }

    @Override
    public void accept(long t, double v) {
      if (StaleMarker.is(v)) {
        return;
      }
      long s = Math.floorDiv(t, step) * step;
      if (s != start) {
        flush();
        start = s;
      }
      if (n == 0) {
        lo = v;
        hi = v;
      } else {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      sum += v;
      n++;
    }

    void flush() {
      if (n > 0) {
        // Stamped at the end of the step: a query never sees an average of samples after its time.
        long t = start + step - 1;
        avg.append(t, sum / n);
        min.append(t, lo);
        max.append(t, hi);
      }
      n = 0;
      sum = 0;
    }
  }
}
