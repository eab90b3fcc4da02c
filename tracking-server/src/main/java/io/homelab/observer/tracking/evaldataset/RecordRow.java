package io.homelab.observer.tracking.evaldataset;

/**
 * One row of {@code evaluation_dataset_records}. {@code inputs}, {@code outputs}, {@code
 * expectations}, {@code tags} and {@code source} are JSON text (null when unset).
 */
record RecordRow(
    String datasetRecordId,
    String datasetId,
    String inputHash,
    String inputs,
    String outputs,
    String expectations,
    String tags,
    String source,
    String sourceId,
    String sourceType,
    long createdTime,
    long lastUpdateTime,
    String createdBy,
    String lastUpdatedBy) {}
