package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.tsdb.SeriesSamples;
import io.homelab.observer.controller.metrics.tsdb.StaleMarker;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;

/**
 * The samples one selector read for a whole query, with a cursor per series: a range query's steps
 * move forward in time, so each window's bounds are found by sliding on from the previous step's
 * (as Prometheus's engine does) rather than by a search, and a window is passed on as two indices
 * into the arrays rather than copied. A step earlier than the previous one (a subquery re-reading
 * its range) falls back to a binary search.
 */
final class SelectedSeries {

  /** Past this many samples to skip, a cursor searches instead of stepping. */
  private static final int LINEAR_STEPS = 8;

  private final SeriesSamples[] series;
  private final int[] fromCursor;
  private final int[] toCursor;
  private final SortedMap<String, String>[] withoutName;

  /**
   * @param dropStale whether to leave out staleness markers (a range vector never holds them)
   */
  @SuppressWarnings("unchecked")
  SelectedSeries(List<SeriesSamples> read, boolean dropStale) {
    series = new SeriesSamples[read.size()];
    for (int i = 0; i < series.length; i++) {
      series[i] = dropStale ? withoutStale(read.get(i)) : read.get(i);
    }
    fromCursor = new int[series.length];
    toCursor = new int[series.length];
    withoutName = new SortedMap[series.length];
  }

  private static SeriesSamples withoutStale(SeriesSamples s) {
    double[] v = s.values();
    int stale = 0;
    for (double x : v) {
      stale += StaleMarker.is(x) ? 1 : 0;
    }
    if (stale == 0) {
      return s;
    }
    long[] t = s.times();
    long[] ts = new long[t.length - stale];
    double[] vs = new double[ts.length];
    int j = 0;
    for (int k = 0; k < t.length; k++) {
      if (!StaleMarker.is(v[k])) {
        ts[j] = t[k];
        vs[j++] = v[k];
      }
    }
    return new SeriesSamples(s.labels(), ts, vs);
  }

  int size() {
    return series.length;
  }

  SortedMap<String, String> labels(int i) {
    return series[i].labels();
  }

  /** The labels without the metric name, made once per series rather than once per step. */
  SortedMap<String, String> labelsWithoutName(int i) {
    SortedMap<String, String> l = withoutName[i];
    if (l == null) {
      l = Labels.dropName(series[i].labels());
      withoutName[i] = l;
    }
    return l;
  }

  long[] times(int i) {
    return series[i].times();
  }

  double[] values(int i) {
    return series[i].values();
  }

  /** Index of series {@code i}'s first sample at or after {@code t}. */
  int firstAtOrAfter(int i, long t) {
    int k = firstAfter(series[i].times(), fromCursor[i], t - 1);
    fromCursor[i] = k;
    return k;
  }

  /**
   * Index of series {@code i}'s first sample after {@code t} (so its last at or before is one
   * less).
   */
  int firstAfter(int i, long t) {
    int k = firstAfter(series[i].times(), toCursor[i], t);
    toCursor[i] = k;
    return k;
  }

  /** The first index whose time is after {@code key}, looked for from {@code hint} on. */
  static int firstAfter(long[] times, int hint, long key) {
    int n = times.length;
    int k = Math.min(hint, n);
    if (k > 0 && times[k - 1] > key) {
      return upperBound(times, 0, k, key);
    }
    for (int steps = 0; k < n && times[k] <= key; k++) {
      if (++steps == LINEAR_STEPS) {
        return upperBound(times, k + 1, n, key);
      }
    }
    return k;
  }

  /** The first index in [lo, hi) whose time is after {@code key}, or hi. */
  private static int upperBound(long[] times, int lo, int hi, long key) {
    int a = lo;
    int b = hi;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (times[mid] <= key) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a;
  }

  /** A copy of series {@code i}'s samples in [from, to), as a range vector element. */
  Value.Series slice(int i, int from, int to) {
    SeriesSamples s = series[i];
    return new Value.Series(
        s.labels(),
        Arrays.copyOfRange(s.times(), from, to),
        Arrays.copyOfRange(s.values(), from, to));
  }
}
