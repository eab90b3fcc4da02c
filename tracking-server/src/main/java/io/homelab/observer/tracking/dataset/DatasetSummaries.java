package io.homelab.observer.tracking.dataset;

import io.homelab.observer.tracking.wire.MlflowJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The bodies of MLflow's {@code experiments/search-datasets} (the UI's dataset filter). */
public final class DatasetSummaries {

  private DatasetSummaries() {}

  @MlflowJson
  @RegisterForReflection
  record Search(List<String> experimentIds) {}

  /** One dataset used by a run of an experiment, with the context its input was tagged with. */
  @MlflowJson
  @RegisterForReflection
  public record DatasetSummary(String experimentId, String name, String digest, String context) {}

  /** An empty list is left out, as protobuf's JSON printer does. */
  @MlflowJson
  @RegisterForReflection
  record Found(List<DatasetSummary> datasetSummaries) {
    Found {
      datasetSummaries =
          datasetSummaries == null || datasetSummaries.isEmpty() ? null : datasetSummaries;
    }
  }
}
