package io.homelab.observer.tracking.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.experiment.Experiment;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.metric.Metric;
import io.homelab.observer.tracking.metric.MetricPoints;
import io.homelab.observer.tracking.metric.MetricStore;
import io.homelab.observer.tracking.run.RunModels.ModelInput;
import io.homelab.observer.tracking.run.RunModels.ModelOutput;
import io.homelab.observer.tracking.run.RunModels.Run;
import io.homelab.observer.tracking.run.RunModels.RunInfo;
import io.homelab.observer.tracking.run.RunRequests.DatasetIn;
import io.homelab.observer.tracking.run.RunRequests.MetricIn;
import io.homelab.observer.tracking.search.Clause;
import io.homelab.observer.tracking.search.FilterParser;
import io.homelab.observer.tracking.search.MaxResults;
import io.homelab.observer.tracking.search.OrderBy;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.search.ViewType;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs as MLflow's SQL store keeps them: create with name/tag sync, append-only metrics with a
 * latest value per key, immutable params, upserted tags, soft delete, dataset and model inputs.
 *
 * <p>{@link #find}, {@link #artifactUri} and {@link #experimentIdOf} are the lookup API for other
 * features (artifact proxy, auth).
 */
@Singleton
public class RunService {

  public static final String RUN_NAME_TAG = "mlflow.runName";
  static final int SEARCH_DEFAULT = 1000;
  static final int SEARCH_MAX = 50000;

  private final Database db;
  private final RunStore store;
  private final MetricStore metrics;
  private final ExperimentService experiments;
  private final ObjectMapper json;

  public RunService(
      Database db,
      RunStore store,
      MetricStore metrics,
      ExperimentService experiments,
      ObjectMapper json) {
    this.db = db;
    this.store = store;
    this.metrics = metrics;
    this.experiments = experiments;
    this.json = json;
  }

  /** The run's info, whatever its lifecycle stage. */
  public Optional<RunInfo> find(String runId) {
    return db.read(c -> store.findInfo(c, runId));
  }

  /**
   * The run's artifact URI ({@code mlflow-artifacts:/<exp>/<run>/artifacts}), if the run exists.
   */
  public Optional<String> artifactUri(String runId) {
    return find(runId).map(RunInfo::artifactUri);
  }

  /**
   * The id of the experiment a run belongs to, if the run exists (auth resolves run permissions
   * so).
   */
  public Optional<String> experimentIdOf(String runId) {
    return find(runId).map(RunInfo::experimentId);
  }

  /** Creates a run in an active experiment. */
  public Run create(
      String experimentId, String userId, String runName, Long startTime, List<KeyValue> tags) {
    String expId = experimentId == null || experimentId.isEmpty() ? "0" : experimentId;
    Experiment experiment = experiments.requireActive(expId);
    List<KeyValue> tagList = RunValidation.tags(tags);
    String name = RunValidation.runName(runName, tagList);
    String runId = UUID.randomUUID().toString().replace("-", "");
    String location = experiment.artifactLocation();
    String artifactUri =
        (location.endsWith("/") ? location : location + "/") + runId + "/artifacts";
    RunInfo info =
        new RunInfo(
            runId,
            runId,
            name,
            expId,
            userId,
            "RUNNING",
            startTime == null ? System.currentTimeMillis() : startTime,
            null,
            artifactUri,
            "active");
    Map<String, KeyValue> byKey = new LinkedHashMap<>();
    tagList.forEach(t -> byKey.put(t.key(), t));
    byKey.put(RUN_NAME_TAG, new KeyValue(RUN_NAME_TAG, name));
    return db.write(
        c -> {
          store.insertRun(c, info);
          store.setTags(c, runId, byKey.values());
          return store.load(c, List.of(info)).get(0);
        });
  }

  /** The full run or RESOURCE_DOES_NOT_EXIST. */
  public Run get(String runId) {
    return db.read(c -> store.load(c, List.of(requireRun(c, runId)))).get(0);
  }

  /** Updates status, end time and name of an active run. */
  public RunInfo update(String runId, String status, Long endTime, String runName) {
    String st = status == null || status.isEmpty() ? null : RunValidation.status(status);
    return db.write(
        c -> {
          RunInfo info = requireActive(c, runId);
          String name = runName == null || runName.isEmpty() ? null : runName;
          store.updateInfo(c, runId, st, endTime, name);
          if (name != null) {
            store.setTags(c, runId, List.of(new KeyValue(RUN_NAME_TAG, name)));
          }
          return store.findInfo(c, info.runId()).orElseThrow();
        });
  }

  /** Soft-deletes a run. */
  public void delete(String runId) {
    db.write(
        c -> {
          requireRun(c, runId);
          store.setLifecycle(c, runId, "deleted", System.currentTimeMillis());
          return null;
        });
  }

  /** Restores a deleted run. */
  public void restore(String runId) {
    db.write(
        c -> {
          requireRun(c, runId);
          store.setLifecycle(c, runId, "active", null);
          return null;
        });
  }

  /** Logs one metric point. */
  public void logMetric(String runId, MetricIn m) {
    Metric metric = RunValidation.metric(m, "");
    db.write(
        c -> {
          requireActive(c, runId);
          metrics.insert(c, runId, List.of(metric));
          return null;
        });
  }

  /** Logs one param; the same value again is fine, a different one is refused. */
  public void logParam(String runId, String key, String value) {
    KeyValue p = RunValidation.param(new KeyValue(key, value), "");
    db.write(
        c -> {
          requireActive(c, runId);
          RunValidation.unchangedParams(
              runId, List.of(p), store.insertParams(c, runId, List.of(p)));
          return null;
        });
  }

  /** Sets a tag; {@code mlflow.runName} also renames the run. */
  public void setTag(String runId, String key, String value) {
    KeyValue t = RunValidation.tag(new KeyValue(key, value), "");
    db.write(
        c -> {
          requireActive(c, runId);
          writeTags(c, runId, List.of(t));
          return null;
        });
  }

  /** Deletes a tag; a missing tag is RESOURCE_DOES_NOT_EXIST. */
  public void deleteTag(String runId, String key) {
    db.write(
        c -> {
          requireActive(c, runId);
          if (store.deleteTag(c, runId, key) == 0) {
            throw MlflowException.notFound("No tag with name: " + key + " in run with id " + runId);
          }
          return null;
        });
  }

  /** MLflow's log-batch: limits, validation, then params, metrics and tags in one transaction. */
  public void logBatch(
      String runId, List<MetricIn> metricsIn, List<KeyValue> paramsIn, List<KeyValue> tagsIn) {
    writeBatch(runId, RunValidation.batch(metricsIn, paramsIn, tagsIn));
  }

  /**
   * A log-batch whose metrics were read straight into columns ({@link LogBatchParser}): the same
   * checks of limits, params and tags, and the same transaction.
   */
  void logBatch(
      String runId, MetricPoints metricsIn, List<KeyValue> paramsIn, List<KeyValue> tagsIn) {
    writeBatch(runId, RunValidation.batch(metricsIn, paramsIn, tagsIn));
  }

  private void writeBatch(String runId, RunValidation.Batch batch) {
    db.write(
        c -> {
          requireActive(c, runId);
          RunValidation.unchangedParams(
              runId, batch.params(), store.insertParams(c, runId, batch.params()));
          metrics.insert(c, runId, batch.metrics());
          writeTags(c, runId, batch.tags());
          return null;
        });
  }

  /**
   * Logs metric values the server computes itself (the MLflow view of logs), through the same
   * checks and transaction as {@code runs/log-batch}.
   */
  public void logComputedMetrics(String runId, List<ComputedMetric> values) {
    List<MetricIn> in = new ArrayList<>(values.size());
    for (ComputedMetric m : values) {
      in.add(new MetricIn(m.key(), m.value(), m.timestamp(), m.step(), null, null, null));
    }
    logBatch(runId, in, List.of(), List.of());
  }

  /** Records dataset inputs (and MLflow 3 model inputs) of a run. */
  public void logInputs(String runId, List<DatasetIn> datasets, List<ModelInput> models) {
    List<DatasetIn> ds = datasets == null ? List.of() : datasets;
    for (int i = 0; i < ds.size(); i++) {
      RunValidation.dataset(ds.get(i), i);
    }
    db.write(
        c -> {
          RunInfo info = requireActive(c, runId);
          long exp = Long.parseLong(info.experimentId());
          for (DatasetIn d : ds) {
            String id = store.upsertDataset(c, exp, d.dataset());
            store.linkDataset(c, runId, id, d.tags() == null ? List.of() : d.tags());
          }
          for (ModelInput m : models == null ? List.<ModelInput>of() : models) {
            Validation.required(m.modelId(), "models.model_id");
            store.linkModel(c, runId, m.modelId(), "INPUT", 0);
          }
          return null;
        });
  }

  /** Records MLflow 3 model outputs of a run (runs/outputs). */
  public void logOutputs(String runId, List<ModelOutput> models) {
    db.write(
        c -> {
          requireActive(c, runId);
          for (ModelOutput m : models == null ? List.<ModelOutput>of() : models) {
            Validation.required(m.modelId(), "models.model_id");
            store.linkModel(c, runId, m.modelId(), "OUTPUT", m.step() == null ? 0 : m.step());
          }
          return null;
        });
  }

  /**
   * MLflow 2's log-model: appends the MLmodel dict to the run's {@code mlflow.log-model.history}
   * tag.
   */
  public void logModel(String runId, String modelJson) {
    JsonNode model;
    try {
      model = json.readTree(modelJson);
    } catch (JsonProcessingException e) {
      throw MlflowException.invalid(
          "Malformed model info. \n " + modelJson + "\n is not a valid JSON.");
    }
    if (model == null || !model.isObject()) {
      throw MlflowException.invalid(
          "Malformed model info. \n " + modelJson + "\n is not a valid JSON.");
    }
    for (String field : List.of("artifact_path", "flavors", "utc_time_created", "run_id")) {
      if (!model.has(field)) {
        throw MlflowException.invalid("Model json is missing mandatory fields: [" + field + "]");
      }
    }
    db.write(
        c -> {
          requireActive(c, runId);
          ArrayNode history = json.createArrayNode();
          Optional<String> existing = store.tag(c, runId, RunValidation.LOG_MODEL_HISTORY_TAG);
          if (existing.isPresent()) {
            try {
              JsonNode parsed = json.readTree(existing.get());
              if (parsed.isArray()) {
                history = (ArrayNode) parsed;
              }
            } catch (JsonProcessingException e) {
              // A hand-edited tag that is not JSON: start the history afresh, as a list.
            }
          }
          history.add(model);
          store.setTags(
              c,
              runId,
              List.of(new KeyValue(RunValidation.LOG_MODEL_HISTORY_TAG, history.toString())));
          return null;
        });
  }

  /** MLflow's runs/search over the given experiments. */
  public Page<Run> search(
      List<String> experimentIds,
      String filter,
      String viewType,
      Long maxResults,
      List<String> orderBy,
      String pageToken) {
    int max = MaxResults.check(maxResults, SEARCH_DEFAULT, SEARCH_MAX, MaxResults.Wording.TRACKING);
    List<Long> ids = new ArrayList<>();
    for (String id : experimentIds == null ? List.<String>of() : experimentIds) {
      ids.add(Validation.experimentId(id));
    }
    if (ids.isEmpty()) {
      return new Page<>(List.of(), null);
    }
    List<Clause> clauses = FilterParser.parse(filter);
    List<OrderBy> order =
        orderBy == null ? List.of() : orderBy.stream().map(FilterParser::orderBy).toList();
    int offset = PageToken.offset(pageToken);
    ViewType view = ViewType.parse(viewType);
    List<Object> args = new ArrayList<>();
    String sql = RunSearch.sql(db.dialect(), ids, view.stages(), clauses, order, max, offset, args);
    List<Run> runs = db.read(c -> store.search(c, sql, args));
    return Page.of(runs, offset, max);
  }

  RunInfo requireRun(Connection c, String runId) throws SQLException {
    Validation.required(runId, "run_id");
    return store
        .findInfo(c, runId)
        .orElseThrow(() -> MlflowException.notFound("Run with id=" + runId + " not found"));
  }

  RunInfo requireActive(Connection c, String runId) throws SQLException {
    RunInfo info = requireRun(c, runId);
    if (!"active".equals(info.lifecycleStage())) {
      throw MlflowException.invalid(
          "The run "
              + runId
              + " must be in the 'active' state. Current state is "
              + info.lifecycleStage()
              + ".");
    }
    return info;
  }

  private void writeTags(Connection c, String runId, List<KeyValue> tags) throws SQLException {
    Map<String, KeyValue> last = new LinkedHashMap<>();
    tags.forEach(t -> last.put(t.key(), t));
    store.setTags(c, runId, last.values());
    KeyValue name = last.get(RUN_NAME_TAG);
    if (name != null) {
      store.updateInfo(c, runId, null, null, name.value());
    }
  }
}
