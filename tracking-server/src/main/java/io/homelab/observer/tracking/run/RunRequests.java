package io.homelab.observer.tracking.run;

import io.homelab.observer.tracking.run.RunModels.Dataset;
import io.homelab.observer.tracking.run.RunModels.ModelInput;
import io.homelab.observer.tracking.run.RunModels.ModelOutput;
import io.homelab.observer.tracking.run.RunModels.Run;
import io.homelab.observer.tracking.run.RunModels.RunInfo;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Request and response bodies of the runs API; {@code run_uuid} is accepted for {@code run_id}. */
final class RunRequests {

  private RunRequests() {}

  @MlflowJson
  @RegisterForReflection
  record Create(
      String experimentId, String userId, String runName, Long startTime, List<KeyValue> tags) {}

  @MlflowJson
  @RegisterForReflection
  record OneRun(Run run) {}

  @MlflowJson
  @RegisterForReflection
  record ById(String runId) {}

  @MlflowJson
  @RegisterForReflection
  record Update(String runId, String status, Long endTime, String runName) {}

  @MlflowJson
  @RegisterForReflection
  record Updated(RunInfo runInfo) {}

  @MlflowJson
  @RegisterForReflection
  record LogMetric(
      String runId,
      String key,
      Double value,
      Long timestamp,
      Long step,
      String modelId,
      String datasetName,
      String datasetDigest) {}

  @MlflowJson
  @RegisterForReflection
  record MetricIn(
      String key,
      Double value,
      Long timestamp,
      Long step,
      String modelId,
      String datasetName,
      String datasetDigest) {}

  @MlflowJson
  @RegisterForReflection
  record LogParam(String runId, String key, String value) {}

  @MlflowJson
  @RegisterForReflection
  record SetTag(String runId, String key, String value) {}

  @MlflowJson
  @RegisterForReflection
  record DeleteTag(String runId, String key) {}

  @MlflowJson
  @RegisterForReflection
  record LogBatch(
      String runId, List<MetricIn> metrics, List<KeyValue> params, List<KeyValue> tags) {}

  @MlflowJson
  @RegisterForReflection
  record DatasetIn(List<KeyValue> tags, Dataset dataset) {}

  @MlflowJson
  @RegisterForReflection
  record LogInputs(String runId, List<DatasetIn> datasets, List<ModelInput> models) {}

  @MlflowJson
  @RegisterForReflection
  record LogOutputs(String runId, List<ModelOutput> models) {}

  @MlflowJson
  @RegisterForReflection
  record LogModel(String runId, String modelJson) {}

  @MlflowJson
  @RegisterForReflection
  record Search(
      List<String> experimentIds,
      String filter,
      String runViewType,
      Long maxResults,
      List<String> orderBy,
      String pageToken) {}

  @MlflowJson
  @RegisterForReflection
  record Found(List<Run> runs, String nextPageToken) {}
}
