package io.homelab.observer.tracking.evaldataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.Dataset;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.search.MaxResults;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * MLflow 3's evaluation datasets (SqlAlchemyStore's create/get/delete/search_datasets, tags and
 * experiment links), with MLflow's messages and error codes. Records: {@link RecordService}.
 */
@Singleton
public class EvaluationDatasetService {

  /** MLflow's tag naming the user who created or updated a dataset or record. */
  static final String MLFLOW_USER = "mlflow.user";

  private static final int DEFAULT_SEARCH_RESULTS = 1000;
  private static final int MAX_SEARCH_RESULTS = 50_000;

  private final Database db;
  private final EvaluationDatasetStore store;
  private final RecordStore records;
  private final ExperimentService experiments;
  private final ObjectMapper json;

  public EvaluationDatasetService(
      Database db,
      EvaluationDatasetStore store,
      RecordStore records,
      ExperimentService experiments,
      ObjectMapper json) {
    this.db = db;
    this.store = store;
    this.records = records;
    this.experiments = experiments;
    this.json = json;
  }

  public Dataset create(String name, List<String> experimentIds, String tagsJson) {
    if (name == null || name.isEmpty()) {
      throw MlflowException.missing("name");
    }
    Validation.maxLength("Dataset name", Validation.MAX_DATASET_NAME_SIZE, name);
    Map<String, String> tags =
        tagsJson == null || tagsJson.isEmpty() ? Map.of() : JsonText.tags(json, tagsJson, "tags");
    List<Long> exps = existingExperiments(experimentIds);
    long now = System.currentTimeMillis();
    String user = tags.get(MLFLOW_USER);
    DatasetRow row =
        new DatasetRow(
            "d-" + UUID.randomUUID().toString().replace("-", ""),
            name,
            digest(name, now),
            null,
            null,
            now,
            now,
            user,
            user);
    return db.write(
        c -> {
          store.insert(c, row);
          for (Map.Entry<String, String> t : tags.entrySet()) {
            if (t.getValue() != null) {
              store.setTag(c, row.datasetId(), t.getKey(), t.getValue());
            }
          }
          for (long e : exps) {
            store.link(c, row.datasetId(), e, now);
          }
          return view(c, row);
        });
  }

  public Dataset get(String datasetId) {
    return db.read(
        c ->
            view(
                c,
                store
                    .find(c, datasetId)
                    .orElseThrow(
                        () ->
                            MlflowException.notFound(
                                "Evaluation dataset with id '" + datasetId + "' not found"))));
  }

  /** Deletes the dataset, its records, tags and links; an unknown id is a no-op, as MLflow. */
  public void delete(String datasetId) {
    db.write(
        c -> {
          if (store.find(c, datasetId).isPresent()) {
            records.deleteAll(c, datasetId);
            store.delete(c, datasetId);
          }
          return null;
        });
  }

  public Page<Dataset> search(
      List<String> experimentIds,
      String filter,
      Long maxResults,
      List<String> orderBy,
      String pageToken) {
    if (maxResults != null && maxResults < 1) {
      throw MlflowException.invalid(
          "Invalid value "
              + maxResults
              + " for parameter 'max_results' supplied. It must be a positive integer");
    }
    int limit =
        MaxResults.check(
            maxResults, DEFAULT_SEARCH_RESULTS, MAX_SEARCH_RESULTS, MaxResults.Wording.TRACKING);
    int offset = PageToken.offset(pageToken);
    List<Object> args = new ArrayList<>();
    String where = DatasetSearch.where(filter, db.dialect(), args);
    String order = DatasetSearch.orderBy(orderBy);
    if (experimentIds != null && !experimentIds.isEmpty()) {
      List<Long> ids = new ArrayList<>();
      for (String e : experimentIds) {
        ids.add(Validation.experimentId(e));
      }
      where +=
          " AND d.dataset_id IN (SELECT x.dataset_id FROM evaluation_dataset_experiments x"
              + " WHERE x.experiment_id IN ("
              + "?, ".repeat(ids.size() - 1)
              + "?))";
      args.addAll(ids);
    }
    String finalWhere = where;
    return db.read(
        c -> {
          List<DatasetRow> rows = store.search(c, finalWhere, args, order, offset, limit);
          Page<DatasetRow> page = Page.of(rows, offset, limit);
          return new Page<>(views(c, page.items()), page.nextPageToken());
        });
  }

  /** Merges tags into the dataset's (null values are skipped, as MLflow). */
  public void setTags(String datasetId, String tagsJson) {
    if (tagsJson == null) {
      throw MlflowException.missing("tags");
    }
    Map<String, String> tags = JsonText.tags(json, tagsJson, "tags");
    db.write(
        c -> {
          requireForUpdate(c, datasetId, "Could not find evaluation dataset with ID " + datasetId);
          for (Map.Entry<String, String> t : tags.entrySet()) {
            if (t.getValue() != null) {
              store.setTag(c, datasetId, t.getKey(), t.getValue());
            }
          }
          return null;
        });
  }

  /** Idempotent: an unknown dataset or tag is a no-op, as MLflow. */
  public void deleteTag(String datasetId, String key) {
    db.write(
        c -> {
          if (store.find(c, datasetId).isPresent()) {
            store.deleteTag(c, datasetId, key);
          }
          return null;
        });
  }

  /** The experiments linked to the dataset (empty for an unknown dataset, as MLflow). */
  public List<String> experimentIds(String datasetId) {
    return db.read(
        c -> store.experiments(c, List.of(datasetId)).getOrDefault(datasetId, List.of()));
  }

  public Dataset addToExperiments(String datasetId, List<String> experimentIds) {
    List<Long> exps = existingExperiments(experimentIds);
    return db.write(
        c -> {
          DatasetRow row = requireForUpdate(c, datasetId, "Dataset '" + datasetId + "' not found");
          long now = System.currentTimeMillis();
          for (long e : exps) {
            store.link(c, datasetId, e, now);
          }
          return view(c, touched(c, row, now));
        });
  }

  /** Unlinks the experiments; ones not linked are skipped (idempotent, as MLflow). */
  public Dataset removeFromExperiments(String datasetId, List<String> experimentIds) {
    List<Long> exps = new ArrayList<>();
    for (String e : experimentIds == null ? List.<String>of() : experimentIds) {
      exps.add(Validation.experimentId(e));
    }
    return db.write(
        c -> {
          DatasetRow row = requireForUpdate(c, datasetId, "Dataset '" + datasetId + "' not found");
          boolean changed = false;
          for (long e : exps) {
            changed |= store.unlink(c, datasetId, e);
          }
          return view(c, changed ? touched(c, row, System.currentTimeMillis()) : row);
        });
  }

  /** MLflow's digest: the first 8 hex digits of SHA-256 of {@code name:last_update_time}. */
  static String digest(String name, long lastUpdateTime) {
    return JsonText.sha256Hex(name + ":" + lastUpdateTime).substring(0, 8);
  }

  DatasetRow requireForUpdate(Connection c, String datasetId, String message) throws SQLException {
    return store.find(c, datasetId).orElseThrow(() -> MlflowException.notFound(message));
  }

  private DatasetRow touched(Connection c, DatasetRow row, long now) throws SQLException {
    DatasetRow t =
        new DatasetRow(
            row.datasetId(),
            row.name(),
            row.digest(),
            row.schema(),
            row.profile(),
            row.createdTime(),
            now,
            row.createdBy(),
            row.lastUpdatedBy());
    store.update(c, t);
    return t;
  }

  /** Parses the ids and checks each experiment exists (MLflow: "No Experiment with id=..."). */
  private List<Long> existingExperiments(List<String> experimentIds) {
    LinkedHashSet<Long> out = new LinkedHashSet<>();
    for (String e : experimentIds == null ? List.<String>of() : experimentIds) {
      long id = Validation.experimentId(e);
      if (experiments.find(Long.toString(id)).isEmpty()) {
        throw MlflowException.notFound("No Experiment with id=" + e);
      }
      out.add(id);
    }
    return new ArrayList<>(out);
  }

  Dataset view(Connection c, DatasetRow row) throws SQLException {
    return views(c, List.of(row)).get(0);
  }

  private List<Dataset> views(Connection c, List<DatasetRow> rows) throws SQLException {
    List<String> ids = rows.stream().map(DatasetRow::datasetId).toList();
    Map<String, Map<String, String>> tags = store.tags(c, ids);
    Map<String, List<String>> links = store.experiments(c, ids);
    List<Dataset> out = new ArrayList<>();
    for (DatasetRow r : rows) {
      out.add(
          new Dataset(
              r.datasetId(),
              r.name(),
              JsonText.write(json, tags.getOrDefault(r.datasetId(), Map.of())),
              r.schema(),
              r.profile(),
              r.digest(),
              r.createdTime(),
              r.lastUpdateTime(),
              r.createdBy(),
              r.lastUpdatedBy(),
              links.getOrDefault(r.datasetId(), List.of())));
    }
    return out;
  }
}
