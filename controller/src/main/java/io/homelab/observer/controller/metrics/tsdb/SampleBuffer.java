package io.homelab.observer.controller.metrics.tsdb;

import java.util.Arrays;

/** Growable parallel arrays of times and values, filled while reading chunks. */
final class SampleBuffer implements XorChunk.SampleConsumer {

  private long[] times = new long[16];
  private double[] values = new double[16];
  private int size;
  private final long minT;
  private final long maxT;

  SampleBuffer(long minT, long maxT) {
    this.minT = minT;
    this.maxT = maxT;
  }

  @Override
  public void accept(long t, double v) {
    if (t < minT || t > maxT) {
      return;
    }
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
    return Arrays.copyOf(times, size);
  }

  double[] values() {
    return Arrays.copyOf(values, size);
  }
}
