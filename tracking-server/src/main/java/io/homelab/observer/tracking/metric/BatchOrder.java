package io.homelab.observer.tracking.metric;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The order a batch of points is written in, and each key's latest point, computed on row numbers
 * instead of sorted copies of boxed records.
 *
 * <p>Rows go in the metrics index's order (key, timestamp, step): keys are ranked once (a batch has
 * few distinct keys, or 1,000 at most), rows are bucketed by rank in request order, and each bucket
 * is put in (timestamp, step) order, which is usually a no-op since training loops log in time
 * order. The latest point per key is chosen by MLflow's rule: largest step, then timestamp, then
 * value, a number beating NaN.
 */
final class BatchOrder {

  /** Buckets up to this size are insertion-sorted; larger ones use the library sort. */
  private static final int INSERTION_SORT_MAX = 32;

  private final int[] rows;
  private final int[] latestPerKey;

  private BatchOrder(int[] rows, int[] latestPerKey) {
    this.rows = rows;
    this.latestPerKey = latestPerKey;
  }

  /** Row numbers of {@code points} in index order. */
  int[] rows() {
    return rows;
  }

  /** For each distinct key, in key order, the row number of its latest point. */
  int[] latestPerKey() {
    return latestPerKey;
  }

  static BatchOrder of(MetricPoints points) {
    int n = points.size();
    Map<String, Integer> slots = new HashMap<>();
    int[] slotOfRow = new int[n];
    for (int i = 0; i < n; i++) {
      Integer slot = slots.putIfAbsent(points.key(i), slots.size());
      slotOfRow[i] = slot == null ? slots.size() - 1 : slot;
    }
    int keys = slots.size();
    String[] distinct = new String[keys];
    slots.forEach((k, slot) -> distinct[slot] = k);
    String[] sorted = distinct.clone();
    Arrays.sort(sorted);
    int[] rankOfSlot = new int[keys];
    for (int r = 0; r < keys; r++) {
      rankOfSlot[slots.get(sorted[r])] = r;
    }
    // Counting sort by key rank (stable: request order within a key).
    int[] start = new int[keys + 1];
    for (int i = 0; i < n; i++) {
      start[rankOfSlot[slotOfRow[i]] + 1]++;
    }
    for (int r = 0; r < keys; r++) {
      start[r + 1] += start[r];
    }
    int[] rows = new int[n];
    int[] next = Arrays.copyOf(start, keys);
    for (int i = 0; i < n; i++) {
      rows[next[rankOfSlot[slotOfRow[i]]]++] = i;
    }
    int[] latest = new int[keys];
    for (int r = 0; r < keys; r++) {
      sortByTime(points, rows, start[r], start[r + 1]);
      int best = rows[start[r]];
      for (int j = start[r] + 1; j < start[r + 1]; j++) {
        if (newer(points, rows[j], best)) {
          best = rows[j];
        }
      }
      latest[r] = best;
    }
    return new BatchOrder(rows, latest);
  }

  /** Puts {@code rows[from..to)} in (timestamp, step) order. */
  private static void sortByTime(MetricPoints points, int[] rows, int from, int to) {
    if (to - from > INSERTION_SORT_MAX && !inTimeOrder(points, rows, from, to)) {
      Integer[] boxed = new Integer[to - from];
      for (int j = from; j < to; j++) {
        boxed[j - from] = rows[j];
      }
      Arrays.sort(boxed, (a, b) -> compareTime(points, a, b));
      for (int j = from; j < to; j++) {
        rows[j] = boxed[j - from];
      }
      return;
    }
    for (int j = from + 1; j < to; j++) {
      int row = rows[j];
      int k = j - 1;
      while (k >= from && compareTime(points, rows[k], row) > 0) {
        rows[k + 1] = rows[k];
        k--;
      }
      rows[k + 1] = row;
    }
  }

  private static boolean inTimeOrder(MetricPoints points, int[] rows, int from, int to) {
    for (int j = from + 1; j < to; j++) {
      if (compareTime(points, rows[j - 1], rows[j]) > 0) {
        return false;
      }
    }
    return true;
  }

  private static int compareTime(MetricPoints points, int a, int b) {
    int byTime = Long.compare(points.timestamp(a), points.timestamp(b));
    return byTime != 0 ? byTime : Long.compare(points.step(a), points.step(b));
  }

  /** MLflow's "latest" order: step, then timestamp, then value (a number beats NaN). */
  static boolean newer(MetricPoints points, int a, int b) {
    if (points.step(a) != points.step(b)) {
      return points.step(a) > points.step(b);
    }
    if (points.timestamp(a) != points.timestamp(b)) {
      return points.timestamp(a) > points.timestamp(b);
    }
    double va = points.value(a);
    double vb = points.value(b);
    if (Double.isNaN(vb)) {
      return !Double.isNaN(va);
    }
    return !Double.isNaN(va) && va > vb;
  }
}
