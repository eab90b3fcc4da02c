package io.homelab.observer.tracking.metric;

import io.homelab.observer.tracking.wire.MlflowJson;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A metric point of a run (and of the logged model it was logged against); value may be
 * NaN/Infinity (written as JSON strings, as protobuf does).
 */
@MlflowJson
@RegisterForReflection
public record Metric(
    String key,
    Double value,
    Long timestamp,
    Long step,
    String datasetName,
    String datasetDigest,
    String modelId,
    String runId) {}
