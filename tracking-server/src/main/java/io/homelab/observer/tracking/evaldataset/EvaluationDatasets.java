package io.homelab.observer.tracking.evaldataset;

import io.homelab.observer.tracking.wire.MlflowJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * MLflow 3's evaluation-dataset messages (datasets.proto Dataset, service.proto CreateDataset ...
 * RemoveDatasetFromExperiments) in their JSON form. As in MLflow, tags and records travel as JSON
 * text inside the message ({@code "tags": "{\"k\": \"v\"}"}), not as nested JSON.
 */
public final class EvaluationDatasets {

  private EvaluationDatasets() {}

  /** datasets.proto Dataset. {@code tags}, {@code schema} and {@code profile} are JSON text. */
  @MlflowJson
  @RegisterForReflection
  public record Dataset(
      String datasetId,
      String name,
      String tags,
      String schema,
      String profile,
      String digest,
      Long createdTime,
      Long lastUpdateTime,
      String createdBy,
      String lastUpdatedBy,
      List<String> experimentIds) {}

  @MlflowJson
  @RegisterForReflection
  public record Create(String name, List<String> experimentIds, String tags) {}

  @MlflowJson
  @RegisterForReflection
  public record Search(
      List<String> experimentIds,
      String filterString,
      Long maxResults,
      List<String> orderBy,
      String pageToken) {}

  @MlflowJson
  @RegisterForReflection
  public record SetTags(String tags) {}

  @MlflowJson
  @RegisterForReflection
  public record Upsert(String records) {}

  @MlflowJson
  @RegisterForReflection
  public record GetRecords(Long maxResults, String pageToken) {}

  @MlflowJson
  @RegisterForReflection
  public record DeleteRecords(List<String> datasetRecordIds) {}

  @MlflowJson
  @RegisterForReflection
  public record Experiments(List<String> experimentIds) {}

  @MlflowJson
  @RegisterForReflection
  public record OneDataset(Dataset dataset) {}

  @MlflowJson
  @RegisterForReflection
  public record Found(List<Dataset> datasets, String nextPageToken) {}

  /** Counts are always written, zero included (the client reads them). */
  @RegisterForReflection
  public record Upserted(
      @com.fasterxml.jackson.annotation.JsonProperty("inserted_count") int insertedCount,
      @com.fasterxml.jackson.annotation.JsonProperty("updated_count") int updatedCount) {}

  /** {@code records} is the JSON text of a list of MLflow's DatasetRecord.to_dict(). */
  @MlflowJson
  @RegisterForReflection
  public record Records(String records, String nextPageToken) {}

  @RegisterForReflection
  public record Deleted(
      @com.fasterxml.jackson.annotation.JsonProperty("deleted_count") int deletedCount) {}

  @MlflowJson
  @RegisterForReflection
  public record ExperimentIds(List<String> experimentIds) {}
}
