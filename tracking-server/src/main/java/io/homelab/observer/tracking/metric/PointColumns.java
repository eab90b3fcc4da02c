package io.homelab.observer.tracking.metric;

import java.util.Arrays;

/**
 * Points of one metric key held as columns of primitives, in the order they are answered. A
 * 100,000-point history is 2.4 MB of arrays here instead of 100,000 records with boxed fields, and
 * {@link HistoryJson} writes it out in one pass.
 */
final class PointColumns {

  private final String key;
  private final boolean withRunIds;
  private double[] values;
  private long[] timestamps;
  private long[] steps;
  private String[] runIds;
  private int size;

  /**
   * An empty column set; {@code withRunIds} when every point names its run (the bulk routes), as
   * MLflow's MetricWithRunId does.
   */
  PointColumns(String key, boolean withRunIds) {
    this.key = key;
    this.withRunIds = withRunIds;
    this.values = new double[64];
    this.timestamps = new long[64];
    this.steps = new long[64];
    this.runIds = withRunIds ? new String[64] : null;
  }

  /** Appends a point; value may be NaN or infinite. */
  void add(double value, long timestamp, long step) {
    if (size == values.length) {
      grow();
    }
    values[size] = value;
    timestamps[size] = timestamp;
    steps[size] = step;
    size++;
  }

  /** Appends a point of the given run (only for a column set made {@code withRunIds}). */
  void add(double value, long timestamp, long step, String runId) {
    add(value, timestamp, step);
    runIds[size - 1] = runId;
  }

  /** Keeps only the first {@code n} points (the page cut after reading one row too many). */
  void truncate(int n) {
    if (n < size) {
      size = n;
    }
  }

  private void grow() {
    int capacity = values.length * 2;
    values = Arrays.copyOf(values, capacity);
    timestamps = Arrays.copyOf(timestamps, capacity);
    steps = Arrays.copyOf(steps, capacity);
    if (withRunIds) {
      runIds = Arrays.copyOf(runIds, capacity);
    }
  }

  String key() {
    return key;
  }

  boolean withRunIds() {
    return withRunIds;
  }

  int size() {
    return size;
  }

  double value(int i) {
    return values[i];
  }

  long timestamp(int i) {
    return timestamps[i];
  }

  long step(int i) {
    return steps[i];
  }

  String runId(int i) {
    return runIds[i];
  }
}
