package io.homelab.observer.tracking.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.experiment.Experiment;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.run.RunModels.Dataset;
import io.homelab.observer.tracking.run.RunModels.Metric;
import io.homelab.observer.tracking.run.RunModels.ModelInput;
import io.homelab.observer.tracking.run.RunModels.ModelOutput;
import io.homelab.observer.tracking.run.RunModels.Run;
import io.homelab.observer.tracking.run.RunModels.RunInfo;
import io.homelab.observer.tracking.run.RunRequests.DatasetIn;
import io.homelab.observer.tracking.run.RunRequests.MetricIn;
import io.homelab.observer.tracking.search.Clause;
import io.homelab.observer.tracking.search.FilterParser;
import io.homelab.observer.tracking.search.OrderBy;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.search.ViewType;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.store.Jdbc;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  static final String LOG_MODEL_HISTORY_TAG = "mlflow.log-model.history";
  static final int SEARCH_DEFAULT = 1000;
  static final int SEARCH_MAX = 50000;
  static final Set<String> STATUSES =
      Set.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");
  private static final List<String> STATUS_BY_NUMBER =
      List.of("", "RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");

  private final Database db;
  private final RunStore store;
  private final ExperimentService experiments;
  private final ObjectMapper json;

  public RunService(Database db, RunStore store, ExperimentService experiments, ObjectMapper json) {
    this.db = db;
    this.store = store;
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
    List<KeyValue> tagList = validTags(tags);
    String tagName =
        tagList.stream()
            .filter(t -> t.key().equals(RUN_NAME_TAG))
            .map(KeyValue::value)
            .reduce((a, b) -> b)
            .orElse(null);
    if (runName != null && !runName.isEmpty() && tagName != null && !tagName.equals(runName)) {
      throw MlflowException.invalid(
          "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values"
              + " (run_name='"
              + runName
              + "', mlflow.runName='"
              + tagName
              + "').");
    }
    String name =
        runName != null && !runName.isEmpty()
            ? runName
            : tagName != null ? tagName : RunNames.random();
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
    String st = status == null || status.isEmpty() ? null : parseStatus(status);
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
    Metric metric = validMetric(m, "");
    db.write(
        c -> {
          requireActive(c, runId);
          store.insertMetrics(c, runId, List.of(metric));
          return null;
        });
  }

  /** Logs one param; the same value again is fine, a different one is refused. */
  public void logParam(String runId, String key, String value) {
    KeyValue p = validParam(new KeyValue(key, value), "");
    db.write(
        c -> {
          requireActive(c, runId);
          checkParams(runId, List.of(p), store.insertParams(c, runId, List.of(p)));
          return null;
        });
  }

  /** Sets a tag; {@code mlflow.runName} also renames the run. */
  public void setTag(String runId, String key, String value) {
    KeyValue t = validTag(new KeyValue(key, value == null ? "" : value), "");
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
    List<MetricIn> ms = metricsIn == null ? List.of() : metricsIn;
    List<KeyValue> ps = paramsIn == null ? List.of() : paramsIn;
    List<KeyValue> ts = tagsIn == null ? List.of() : tagsIn;
    batchLimit("metrics", Validation.MAX_METRICS_PER_BATCH, ms.size());
    batchLimit("params", Validation.MAX_PARAMS_TAGS_PER_BATCH, ps.size());
    batchLimit("tags", Validation.MAX_PARAMS_TAGS_PER_BATCH, ts.size());
    batchLimit(
        "metrics, params, and tags",
        Validation.MAX_ENTITIES_PER_BATCH,
        ms.size() + ps.size() + ts.size());
    List<Metric> metrics = new ArrayList<>(ms.size());
    for (int i = 0; i < ms.size(); i++) {
      metrics.add(validMetric(ms.get(i), "metrics[" + i + "]."));
    }
    List<KeyValue> params = new ArrayList<>(ps.size());
    Set<String> seen = new HashSet<>();
    List<String> dupes = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      KeyValue p = validParam(ps.get(i), "params[" + i + "].");
      if (!seen.add(p.key())) {
        dupes.add(p.key());
      }
      params.add(p);
    }
    if (!dupes.isEmpty()) {
      throw MlflowException.invalid(
          "Duplicate parameter keys have been submitted: "
              + dupes
              + ". Please ensure the request contains only one param value per param key.");
    }
    List<KeyValue> tags = new ArrayList<>(ts.size());
    for (int i = 0; i < ts.size(); i++) {
      KeyValue t = ts.get(i);
      tags.add(
          validTag(new KeyValue(t.key(), t.value() == null ? "" : t.value()), "tags[" + i + "]."));
    }
    db.write(
        c -> {
          requireActive(c, runId);
          checkParams(runId, params, store.insertParams(c, runId, params));
          store.insertMetrics(c, runId, metrics);
          writeTags(c, runId, tags);
          return null;
        });
  }

  /** Records dataset inputs (and MLflow 3 model inputs) of a run. */
  public void logInputs(String runId, List<DatasetIn> datasets, List<ModelInput> models) {
    List<DatasetIn> ds = datasets == null ? List.of() : datasets;
    for (int i = 0; i < ds.size(); i++) {
      validDataset(ds.get(i), i);
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
          Optional<String> existing = store.tag(c, runId, LOG_MODEL_HISTORY_TAG);
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
          store.setTags(c, runId, List.of(new KeyValue(LOG_MODEL_HISTORY_TAG, history.toString())));
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
    int max;
    if (maxResults == null) {
      max = SEARCH_DEFAULT;
    } else if (maxResults < 1 || maxResults > SEARCH_MAX) {
      throw MlflowException.invalid(
          "Invalid value "
              + maxResults
              + " for parameter 'max_results' supplied. It must be at most "
              + SEARCH_MAX
              + " and positive.");
    } else {
      max = maxResults.intValue();
    }
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
    List<Run> runs = db.read(c -> store.load(c, Jdbc.query(c, sql, args, RunStore::info)));
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

  private static void checkParams(
      String runId, List<KeyValue> requested, Map<String, String> stored) {
    List<String> mismatches = new ArrayList<>();
    for (KeyValue p : requested) {
      String old = stored.get(p.key());
      if (old != null && !old.equals(p.value())) {
        if (requested.size() == 1) {
          throw MlflowException.invalid(
              "Changing param values is not allowed. Param with key='"
                  + p.key()
                  + "' was already logged with value='"
                  + old
                  + "' for run ID='"
                  + runId
                  + "'. Attempted logging new value '"
                  + p.value()
                  + "'.");
        }
        mismatches.add(
            "{'key': '"
                + p.key()
                + "', 'old_value': '"
                + old
                + "', 'new_value': '"
                + p.value()
                + "'}");
      }
    }
    if (!mismatches.isEmpty()) {
      throw MlflowException.invalid(
          "Changing param values is not allowed. Params were already logged='"
              + mismatches
              + "' for run ID='"
              + runId
              + "'.");
    }
  }

  private static void batchLimit(String entity, int limit, int size) {
    if (size > limit) {
      throw MlflowException.invalid(
          "A batch logging request can contain at most "
              + limit
              + " "
              + entity
              + ". Got "
              + size
              + " "
              + entity
              + ". Please split up "
              + entity
              + " across multiple requests and try again.");
    }
  }

  static Metric validMetric(MetricIn m, String path) {
    Validation.key(m.key(), path + "name", "Metric");
    if (m.value() == null) {
      throw MlflowException.invalid("Missing value for required parameter '" + path + "value'.");
    }
    if (m.timestamp() == null || m.timestamp() < 0) {
      throw MlflowException.invalid(
          Validation.invalidValue(
              path + "timestamp",
              m.timestamp(),
              "metric '"
                  + m.key()
                  + "' (value="
                  + m.value()
                  + "). Timestamp must be a nonnegative long (64-bit integer) "));
    }
    Validation.maxLength("Metric name", Validation.MAX_ENTITY_KEY_LENGTH, m.key());
    return new Metric(
        m.key(),
        m.value(),
        m.timestamp(),
        m.step() == null ? 0L : m.step(),
        m.datasetName(),
        m.datasetDigest(),
        m.modelId(),
        null);
  }

  static KeyValue validParam(KeyValue p, String path) {
    Validation.key(p.key(), path + "key", "Param");
    Validation.maxLength("Param key", Validation.MAX_ENTITY_KEY_LENGTH, p.key());
    String value = p.value() == null ? "" : p.value();
    return new KeyValue(p.key(), Validation.truncate(value, Validation.MAX_PARAM_VAL_LENGTH));
  }

  static KeyValue validTag(KeyValue t, String path) {
    Validation.key(t.key(), path + "key", "Tag");
    Validation.maxLength(path + "key", Validation.MAX_ENTITY_KEY_LENGTH, t.key());
    if (t.key().equals(LOG_MODEL_HISTORY_TAG)) {
      return t; // MLflow keeps the whole model history in this tag; never cut it.
    }
    return new KeyValue(t.key(), Validation.truncate(t.value(), Validation.MAX_TAG_VAL_LENGTH));
  }

  private static List<KeyValue> validTags(List<KeyValue> tags) {
    List<KeyValue> out = new ArrayList<>();
    if (tags != null) {
      for (int i = 0; i < tags.size(); i++) {
        KeyValue t = tags.get(i);
        out.add(
            validTag(
                new KeyValue(t.key(), t.value() == null ? "" : t.value()), "tags[" + i + "]."));
      }
    }
    return out;
  }

  private static void validDataset(DatasetIn in, int index) {
    Dataset d = in.dataset();
    String path = "datasets[" + index + "].dataset.";
    if (d == null) {
      throw MlflowException.missing("datasets[" + index + "].dataset");
    }
    Validation.required(d.name(), path + "name");
    Validation.required(d.digest(), path + "digest");
    Validation.required(d.sourceType(), path + "source_type");
    Validation.required(d.source(), path + "source");
    Validation.maxLength("Dataset name", Validation.MAX_DATASET_NAME_SIZE, d.name());
    Validation.maxLength("Dataset digest", Validation.MAX_DATASET_DIGEST_SIZE, d.digest());
    Validation.maxLength("Dataset source", Validation.MAX_DATASET_SOURCE_SIZE, d.source());
    Validation.maxLength("Dataset schema", Validation.MAX_DATASET_SCHEMA_SIZE, d.schema());
    Validation.maxLength("Dataset profile", Validation.MAX_DATASET_PROFILE_SIZE, d.profile());
    for (KeyValue t : in.tags() == null ? List.<KeyValue>of() : in.tags()) {
      Validation.required(t.key(), "datasets[" + index + "].tags.key");
      Validation.maxLength("Input tag key", Validation.MAX_INPUT_TAG_KEY_SIZE, t.key());
      Validation.maxLength("Input tag value", Validation.MAX_INPUT_TAG_VALUE_SIZE, t.value());
    }
  }

  static String parseStatus(String status) {
    String s = status.toUpperCase(Locale.ROOT);
    if (STATUSES.contains(s)) {
      return s;
    }
    try {
      int n = Integer.parseInt(status);
      if (n >= 1 && n <= 5) {
        return STATUS_BY_NUMBER.get(n);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw MlflowException.invalid(
        "Invalid value \"" + status + "\" for parameter 'status' supplied.");
  }
}
