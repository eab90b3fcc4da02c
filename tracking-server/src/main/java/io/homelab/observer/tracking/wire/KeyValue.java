package io.homelab.observer.tracking.wire;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** MLflow's key/value pair: Param, RunTag, ExperimentTag, RegisteredModelTag, ... on the wire. */
@RegisterForReflection
public record KeyValue(String key, String value) {}
