package io.homelab.observer.tracking.experiment;

import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Request and response bodies of the experiments API (service.proto). */
final class ExperimentRequests {

  private ExperimentRequests() {}

  @MlflowJson
  @RegisterForReflection
  record Create(String name, String artifactLocation, List<KeyValue> tags) {}

  @MlflowJson
  @RegisterForReflection
  record Created(String experimentId) {}

  @MlflowJson
  @RegisterForReflection
  record ById(String experimentId) {}

  @MlflowJson
  @RegisterForReflection
  record ByName(String experimentName) {}

  @MlflowJson
  @RegisterForReflection
  record One(Experiment experiment) {}

  @MlflowJson
  @RegisterForReflection
  record Search(
      Long maxResults, String pageToken, String filter, List<String> orderBy, String viewType) {}

  @MlflowJson
  @RegisterForReflection
  record Found(List<Experiment> experiments, String nextPageToken) {}

  @MlflowJson
  @RegisterForReflection
  record Update(String experimentId, String newName) {}

  @MlflowJson
  @RegisterForReflection
  record SetTag(String experimentId, String key, String value) {}

  @MlflowJson
  @RegisterForReflection
  record DeleteTag(String experimentId, String key) {}
}
