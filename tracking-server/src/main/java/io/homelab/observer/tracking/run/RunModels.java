package io.homelab.observer.tracking.run;

import io.homelab.observer.tracking.metric.Metric;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** MLflow's Run message and its parts (service.proto), as returned by runs/get and runs/search. */
public final class RunModels {

  private RunModels() {}

  /** RunInfo; {@code run_uuid} repeats {@code run_id} because older clients read it. */
  @MlflowJson
  @RegisterForReflection
  public record RunInfo(
      String runId,
      String runUuid,
      String runName,
      String experimentId,
      String userId,
      String status,
      Long startTime,
      Long endTime,
      String artifactUri,
      String lifecycleStage) {}

  @MlflowJson
  @RegisterForReflection
  public record RunData(List<Metric> metrics, List<KeyValue> params, List<KeyValue> tags) {}

  @MlflowJson
  @RegisterForReflection
  public record Dataset(
      String name,
      String digest,
      String sourceType,
      String source,
      String schema,
      String profile) {}

  @MlflowJson
  @RegisterForReflection
  public record DatasetInput(List<KeyValue> tags, Dataset dataset) {}

  @MlflowJson
  @RegisterForReflection
  public record ModelInput(String modelId) {}

  @MlflowJson
  @RegisterForReflection
  public record ModelOutput(String modelId, Long step) {}

  @MlflowJson
  @RegisterForReflection
  public record RunInputs(List<DatasetInput> datasetInputs, List<ModelInput> modelInputs) {}

  @MlflowJson
  @RegisterForReflection
  public record RunOutputs(List<ModelOutput> modelOutputs) {}

  @MlflowJson
  @RegisterForReflection
  public record Run(RunInfo info, RunData data, RunInputs inputs, RunOutputs outputs) {}
}
