package io.homelab.observer.tracking.loggedmodel;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.experiment.Experiment;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.DatasetFilter;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.Info;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.LoggedModel;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.SearchOrder;
import io.homelab.observer.tracking.search.MaxResults;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.ProtoEnum;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * MLflow 3 logged models: what {@code mlflow.<flavor>.log_model} creates (PENDING), uploads
 * artifacts to ({@code <experiment artifact location>/models/<model_id>/artifacts}) and finalizes
 * (READY), and what {@code runs:/<run>/<name>} URIs are resolved through (search by name, then
 * get).
 */
@Singleton
public class LoggedModelService {

  /** LoggedModelStatus by number, from 0. */
  static final List<String> STATUSES =
      List.of(
          "LOGGED_MODEL_STATUS_UNSPECIFIED",
          "LOGGED_MODEL_PENDING",
          "LOGGED_MODEL_READY",
          "LOGGED_MODEL_UPLOAD_FAILED");

  static final int SEARCH_DEFAULT = 100;
  static final int SEARCH_MAX = 1000;

  private final Database db;
  private final LoggedModelStore store;
  private final ExperimentService experiments;

  public LoggedModelService(Database db, LoggedModelStore store, ExperimentService experiments) {
    this.db = db;
    this.store = store;
    this.experiments = experiments;
  }

  /** Creates a PENDING logged model in an active experiment. */
  public LoggedModel create(
      String experimentId,
      String name,
      String modelType,
      String sourceRunId,
      List<KeyValue> params,
      List<KeyValue> tags) {
    Experiment e = experiments.requireActive(Validation.required(experimentId, "experiment_id"));
    String modelId = "m-" + UUID.randomUUID().toString().replace("-", "");
    String modelName = name == null || name.isEmpty() ? "model-" + modelId.substring(2, 10) : name;
    String location = e.artifactLocation();
    String artifactUri =
        (location.endsWith("/") ? location : location + "/") + "models/" + modelId + "/artifacts";
    long now = System.currentTimeMillis();
    List<KeyValue> ps = requireKeys(params, "params.key");
    List<KeyValue> ts = requireKeys(tags, "tags.key");
    Info info =
        new Info(
            modelId,
            e.experimentId(),
            modelName,
            now,
            now,
            artifactUri,
            "LOGGED_MODEL_PENDING",
            modelType,
            sourceRunId == null || sourceRunId.isEmpty() ? null : sourceRunId,
            null,
            List.of());
    return db.write(
        c -> {
          store.insert(c, info);
          store.upsert(c, LoggedModelStore.PARAMS, modelId, ps);
          store.upsert(c, LoggedModelStore.TAGS, modelId, ts);
          return store.load(c, modelId, true).orElseThrow();
        });
  }

  /** The logged model; deleted ones only when asked. */
  public LoggedModel get(String modelId, boolean allowDeleted) {
    return db.read(c -> store.load(c, modelId, allowDeleted)).orElseThrow(() -> notFound(modelId));
  }

  /** Sets the final status (READY or UPLOAD_FAILED). */
  public LoggedModel finalizeModel(String modelId, String status) {
    String st = parseStatus(Validation.required(status, "status"));
    return db.write(
        c -> {
          requireModel(c, modelId);
          store.setStatus(c, modelId, st, System.currentTimeMillis());
          return store.load(c, modelId, false).orElseThrow();
        });
  }

  public void setTags(String modelId, List<KeyValue> tags) {
    List<KeyValue> ts = requireKeys(tags, "tags.key");
    db.write(
        c -> {
          requireModel(c, modelId);
          store.upsert(c, LoggedModelStore.TAGS, modelId, ts);
          store.touch(c, modelId, System.currentTimeMillis());
          return null;
        });
  }

  /**
   * MLflow's {@code set_model_versions_tags}: a registry version created from this model is listed
   * in its {@code mlflow.modelVersions} tag. Called inside the version's own write.
   */
  public void recordModelVersion(String modelId, String name, int version) {
    db.write(
        c -> {
          LoggedModel model = store.load(c, modelId, false).orElseThrow(() -> notFound(modelId));
          String existing =
              model.info().tags() == null
                  ? null
                  : model.info().tags().stream()
                      .filter(t -> t.key().equals(ModelVersionsTag.KEY))
                      .map(KeyValue::value)
                      .findFirst()
                      .orElse(null);
          Optional<String> value =
              ModelVersionsTag.with(existing, new ModelVersionsTag.Entry(name, version));
          if (value.isPresent()) {
            store.upsert(
                c,
                LoggedModelStore.TAGS,
                modelId,
                List.of(new KeyValue(ModelVersionsTag.KEY, value.get())));
          }
          return null;
        });
  }

  public void deleteTag(String modelId, String key) {
    db.write(
        c -> {
          requireModel(c, modelId);
          if (store.deleteTag(c, modelId, key) == 0) {
            throw MlflowException.notFound(
                "No tag with key '" + key + "' found for model with ID '" + modelId + "'.");
          }
          store.touch(c, modelId, System.currentTimeMillis());
          return null;
        });
  }

  public void logParams(String modelId, List<KeyValue> params) {
    List<KeyValue> ps = requireKeys(params, "params.key");
    db.write(
        c -> {
          requireModel(c, modelId);
          store.upsert(c, LoggedModelStore.PARAMS, modelId, ps);
          return null;
        });
  }

  public void delete(String modelId) {
    db.write(
        c -> {
          requireModel(c, modelId);
          store.softDelete(c, modelId, System.currentTimeMillis());
          return null;
        });
  }

  /** Searches active logged models of the given experiments. */
  public Page<LoggedModel> search(
      List<String> experimentIds,
      String filter,
      List<DatasetFilter> datasets,
      Long maxResults,
      List<SearchOrder> orderBy,
      String pageToken) {
    if (experimentIds == null || experimentIds.isEmpty()) {
      throw MlflowException.invalid("At least one experiment ID must be specified.");
    }
    List<DatasetFilter> ds = datasets == null ? List.of() : datasets;
    if (ds.stream().anyMatch(d -> d.datasetName() == null || d.datasetName().isEmpty())) {
      throw MlflowException.invalid("`dataset_name` in the `datasets` clause must be specified.");
    }
    int max =
        MaxResults.check(maxResults, SEARCH_DEFAULT, SEARCH_MAX, MaxResults.Wording.LOGGED_MODELS);
    int offset = PageToken.offset(pageToken);
    List<Long> ids = experimentIds.stream().map(Validation::experimentId).toList();
    List<Object> args = new ArrayList<>();
    String sql =
        LoggedModelSearch.sql(db.dialect(), ids, filter, ds, orderBy, max + 1, offset, args);
    return Page.of(db.read(c -> store.search(c, sql, args)), offset, max);
  }

  private void requireModel(Connection c, String modelId) throws SQLException {
    if (store.load(c, modelId, false).isEmpty()) {
      throw notFound(modelId);
    }
  }

  private static List<KeyValue> requireKeys(List<KeyValue> entries, String field) {
    List<KeyValue> out = entries == null ? List.of() : entries;
    out.forEach(kv -> Validation.required(kv.key(), field));
    return out;
  }

  private static MlflowException notFound(String modelId) {
    return MlflowException.notFound("Logged model with ID '" + modelId + "' not found.");
  }

  static String parseStatus(String status) {
    return ProtoEnum.require(status, STATUSES, 0, "Invalid logged model status '" + status + "'.");
  }
}
