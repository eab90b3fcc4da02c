package io.homelab.observer.tracking.evaldataset;

/** One row of {@code evaluation_datasets}; schema and profile are JSON text or null. */
record DatasetRow(
    String datasetId,
    String name,
    String digest,
    String schema,
    String profile,
    long createdTime,
    long lastUpdateTime,
    String createdBy,
    String lastUpdatedBy) {}
