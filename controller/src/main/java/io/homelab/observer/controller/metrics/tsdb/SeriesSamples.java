package io.homelab.observer.controller.metrics.tsdb;

import java.util.SortedMap;

/** One series' samples in a time range, oldest first (stale markers included). */
public record SeriesSamples(SortedMap<String, String> labels, long[] times, double[] values) {

  public int size() {
    return times.length;
  }
}
