package io.homelab.observer.tracking.loggedmodel;

import io.homelab.observer.tracking.metric.Metric;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** MLflow 3's LoggedModel messages (service.proto) and the request bodies of its routes. */
public final class LoggedModels {

  private LoggedModels() {}

  @MlflowJson
  @RegisterForReflection
  public record Info(
      String modelId,
      String experimentId,
      String name,
      Long creationTimestampMs,
      Long lastUpdatedTimestampMs,
      String artifactUri,
      String status,
      String modelType,
      String sourceRunId,
      String statusMessage,
      List<KeyValue> tags) {}

  @MlflowJson
  @RegisterForReflection
  public record Data(List<KeyValue> params, List<Metric> metrics) {}

  @MlflowJson
  @RegisterForReflection
  public record LoggedModel(Info info, Data data) {}

  @MlflowJson
  @RegisterForReflection
  record One(LoggedModel model) {}

  @MlflowJson
  @RegisterForReflection
  record Create(
      String experimentId,
      String name,
      String modelType,
      String sourceRunId,
      List<KeyValue> params,
      List<KeyValue> tags) {}

  @MlflowJson
  @RegisterForReflection
  record Finalize(String modelId, String status) {}

  @MlflowJson
  @RegisterForReflection
  record Tags(List<KeyValue> tags) {}

  @MlflowJson
  @RegisterForReflection
  record Params(List<KeyValue> params) {}

  @MlflowJson
  @RegisterForReflection
  record SearchOrder(
      String fieldName, Boolean ascending, String datasetName, String datasetDigest) {}

  /** A {@code datasets} entry of a search: models with a metric on this dataset. */
  @MlflowJson
  @RegisterForReflection
  record DatasetFilter(String datasetName, String datasetDigest) {}

  @MlflowJson
  @RegisterForReflection
  record Search(
      List<String> experimentIds,
      String filter,
      List<DatasetFilter> datasets,
      Long maxResults,
      List<SearchOrder> orderBy,
      String pageToken) {}

  @MlflowJson
  @RegisterForReflection
  record Found(List<LoggedModel> models, String nextPageToken) {}
}
