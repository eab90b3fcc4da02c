package io.homelab.observer.tracking.metric;

import java.util.Arrays;

/**
 * Metric points to append to one run, held as columns of primitives in request order. A
 * 1,000-metric log-batch is a handful of arrays here instead of 2,000 records with boxed fields
 * (the bound request and the validated metric), which the JIT and the young generation both paid
 * for on every batch (issue 19). The model and dataset columns stay null until a point has one.
 */
public final class MetricPoints {

  private String[] keys;
  private double[] values;
  private long[] timestamps;
  private long[] steps;
  private String[] modelIds;
  private String[] datasetNames;
  private String[] datasetDigests;
  private int size;

  /** Room for {@code capacity} points before the columns grow. */
  public MetricPoints(int capacity) {
    int n = Math.max(1, capacity);
    keys = new String[n];
    values = new double[n];
    timestamps = new long[n];
    steps = new long[n];
  }

  /** Appends a point without model or dataset; value may be NaN or infinite. */
  public void add(String key, double value, long timestamp, long step) {
    if (size == keys.length) {
      grow();
    }
    keys[size] = key;
    values[size] = value;
    timestamps[size] = timestamp;
    steps[size] = step;
    size++;
  }

  /** Appends a point logged against a model and/or a dataset (any of the three may be null). */
  public void add(
      String key,
      double value,
      long timestamp,
      long step,
      String modelId,
      String datasetName,
      String datasetDigest) {
    add(key, value, timestamp, step);
    if (modelId != null) {
      modelIds = set(modelIds, modelId);
    }
    if (datasetName != null) {
      datasetNames = set(datasetNames, datasetName);
    }
    if (datasetDigest != null) {
      datasetDigests = set(datasetDigests, datasetDigest);
    }
  }

  /** The column with the last point's value set, created on first use. */
  private String[] set(String[] column, String value) {
    String[] c = column == null ? new String[keys.length] : column;
    c[size - 1] = value;
    return c;
  }

  private void grow() {
    int capacity = keys.length * 2;
    keys = Arrays.copyOf(keys, capacity);
    values = Arrays.copyOf(values, capacity);
    timestamps = Arrays.copyOf(timestamps, capacity);
    steps = Arrays.copyOf(steps, capacity);
    modelIds = modelIds == null ? null : Arrays.copyOf(modelIds, capacity);
    datasetNames = datasetNames == null ? null : Arrays.copyOf(datasetNames, capacity);
    datasetDigests = datasetDigests == null ? null : Arrays.copyOf(datasetDigests, capacity);
  }

  /** Whether no point names a model or a dataset (their columns can be left to their default). */
  public boolean withoutModelsOrDatasets() {
    return modelIds == null && datasetNames == null && datasetDigests == null;
  }

  public int size() {
    return size;
  }

  public String key(int i) {
    return keys[i];
  }

  public double value(int i) {
    return values[i];
  }

  public long timestamp(int i) {
    return timestamps[i];
  }

  public long step(int i) {
    return steps[i];
  }

  public String modelId(int i) {
    return modelIds == null ? null : modelIds[i];
  }

  public String datasetName(int i) {
    return datasetNames == null ? null : datasetNames[i];
  }

  public String datasetDigest(int i) {
    return datasetDigests == null ? null : datasetDigests[i];
  }
}
