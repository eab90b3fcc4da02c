package io.homelab.observer.tracking.experiment;

import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** MLflow's Experiment message. */
@MlflowJson
@RegisterForReflection
public record Experiment(
    String experimentId,
    String name,
    String artifactLocation,
    String lifecycleStage,
    Long lastUpdateTime,
    Long creationTime,
    List<KeyValue> tags) {

  public static final String ACTIVE = "active";
  public static final String DELETED = "deleted";

  /** Whether the experiment is in the active lifecycle stage. */
  public boolean active() {
    return ACTIVE.equals(lifecycleStage);
  }

  Experiment withTags(List<KeyValue> newTags) {
    return new Experiment(
        experimentId,
        name,
        artifactLocation,
        lifecycleStage,
        lastUpdateTime,
        creationTime,
        newTags);
  }
}
