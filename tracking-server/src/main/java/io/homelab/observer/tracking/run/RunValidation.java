package io.homelab.observer.tracking.run;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.metric.Metric;
import io.homelab.observer.tracking.metric.MetricPoints;
import io.homelab.observer.tracking.run.RunModels.Dataset;
import io.homelab.observer.tracking.run.RunRequests.DatasetIn;
import io.homelab.observer.tracking.run.RunRequests.MetricIn;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.ProtoEnum;
import io.homelab.observer.tracking.wire.Validation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MLflow's checks of run input: metric, param and tag shapes and lengths (params and tags cut to
 * MLflow's limits, as its server does), log-batch limits, dataset inputs, run status, and the rule
 * that a param never changes its value.
 */
final class RunValidation {

  static final String LOG_MODEL_HISTORY_TAG = "mlflow.log-model.history";

  /** RunStatus by number, from 1. */
  static final List<String> STATUSES =
      List.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");

  private RunValidation() {}

  /** The validated content of a log-batch request. */
  record Batch(MetricPoints metrics, List<KeyValue> params, List<KeyValue> tags) {}

  /** MLflow's log-batch: the size limits, then every metric, param and tag; params unique. */
  static Batch batch(List<MetricIn> metricsIn, List<KeyValue> paramsIn, List<KeyValue> tagsIn) {
    List<MetricIn> ms = metricsIn == null ? List.of() : metricsIn;
    List<KeyValue> ps = paramsIn == null ? List.of() : paramsIn;
    List<KeyValue> ts = tagsIn == null ? List.of() : tagsIn;
    batchLimits(ms.size(), ps.size(), ts.size());
    MetricPoints metrics = new MetricPoints(ms.size());
    for (int i = 0; i < ms.size(); i++) {
      Metric m = batchMetric(ms.get(i), i);
      metrics.add(
          m.key(),
          m.value(),
          m.timestamp(),
          m.step(),
          m.modelId(),
          m.datasetName(),
          m.datasetDigest());
    }
    return new Batch(metrics, params(ps), tags(ts));
  }

  /**
   * The same checks for a log-batch whose metrics {@link LogBatchParser} read straight into
   * columns: it takes only points {@link #batchMetric} would accept unchanged (a plain key, a
   * value, a nonnegative timestamp), so what is left are the limits and the params and tags, in
   * MLflow's order.
   */
  static Batch batch(MetricPoints metrics, List<KeyValue> params, List<KeyValue> tags) {
    batchLimits(metrics.size(), params.size(), tags.size());
    return new Batch(metrics, params(params), tags(tags));
  }

  private static void batchLimits(int metrics, int params, int tags) {
    batchLimit("metrics", Validation.MAX_METRICS_PER_BATCH, metrics);
    batchLimit("params", Validation.MAX_PARAMS_TAGS_PER_BATCH, params);
    batchLimit("tags", Validation.MAX_PARAMS_TAGS_PER_BATCH, tags);
    batchLimit(
        "metrics, params, and tags", Validation.MAX_ENTITIES_PER_BATCH, metrics + params + tags);
  }

  /** The params of a log-batch, each checked at {@code params[i].}; duplicate keys refused. */
  private static List<KeyValue> params(List<KeyValue> ps) {
    List<KeyValue> params = new ArrayList<>(ps.size());
    Set<String> seen = new HashSet<>();
    List<String> dupes = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      KeyValue p = param(ps.get(i), "params[" + i + "].");
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
    return params;
  }

  /**
   * The name of a new run: run_name, else the last {@code mlflow.runName} tag, else a random one;
   * run_name and the tag must agree when both are given.
   */
  static String runName(String runName, List<KeyValue> tags) {
    String tagName =
        tags.stream()
            .filter(t -> t.key().equals(RunService.RUN_NAME_TAG))
            .map(KeyValue::value)
            .reduce((a, b) -> b)
            .orElse(null);
    boolean given = runName != null && !runName.isEmpty();
    if (given && tagName != null && !tagName.equals(runName)) {
      throw MlflowException.invalid(
          "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values"
              + " (run_name='"
              + runName
              + "', mlflow.runName='"
              + tagName
              + "').");
    }
    return given ? runName : tagName != null ? tagName : RunNames.random();
  }

  /**
   * A metric of a log-batch: the common valid point (a plain ASCII key, a value, a timestamp) is
   * accepted without building its error path or running the name pattern and path normalisation,
   * which were most of a 1,000-metric batch's validation time; anything else takes {@link #metric},
   * so errors and edge cases are exactly MLflow's.
   */
  private static Metric batchMetric(MetricIn m, int i) {
    if (m.value() != null && m.timestamp() != null && m.timestamp() >= 0 && plainKey(m.key())) {
      return checked(m);
    }
    return metric(m, "metrics[" + i + "].");
  }

  /**
   * Whether a key certainly passes MLflow's name rules: 1..250 characters from [A-Za-z0-9_.- :/] (a
   * subset of the pattern's), and a path that normalises to itself (no empty, "." or ".." segment,
   * no leading "/" or ".."). False means "check it fully", not "invalid".
   */
  static boolean plainKey(String key) {
    int n = key == null ? 0 : key.length();
    if (n == 0 || n > Validation.MAX_ENTITY_KEY_LENGTH || key.startsWith("..")) {
      return false;
    }
    int segmentStart = 0;
    for (int i = 0; i <= n; i++) {
      char ch = i < n ? key.charAt(i) : '/';
      if (ch == '/') {
        int len = i - segmentStart;
        if (len == 0
            || (len == 1 && key.charAt(segmentStart) == '.')
            || (len == 2
                && key.charAt(segmentStart) == '.'
                && key.charAt(segmentStart + 1) == '.')) {
          return false;
        }
        segmentStart = i + 1;
      } else if (!((ch >= 'a' && ch <= 'z')
          || (ch >= 'A' && ch <= 'Z')
          || (ch >= '0' && ch <= '9')
          || ch == '_'
          || ch == '.'
          || ch == '-'
          || ch == ' '
          || ch == ':')) {
        return false;
      }
    }
    return true;
  }

  static Metric metric(MetricIn m, String path) {
    Validation.key(m.key(), path + "name", "Metric");
    if (m.value() == null) {
      throw MlflowException.invalid("Missing value for required parameter '" + path + "value'.");
    }
    if (m.timestamp() == null) {
      // MLflow's schema check (_assert_required) answers before its value check.
      throw MlflowException.missing(path + "timestamp");
    }
    if (m.timestamp() < 0) {
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
    return checked(m);
  }

  /** The stored metric of a point already validated (a missing step is 0, as in MLflow). */
  private static Metric checked(MetricIn m) {
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

  static KeyValue param(KeyValue p, String path) {
    Validation.key(p.key(), path + "key", "Param");
    Validation.maxLength("Param key", Validation.MAX_ENTITY_KEY_LENGTH, p.key());
    String value = p.value() == null ? "" : p.value();
    return new KeyValue(p.key(), Validation.truncate(value, Validation.MAX_PARAM_VAL_LENGTH));
  }

  /** A tag, a null value read as "". */
  static KeyValue tag(KeyValue t, String path) {
    KeyValue tag = new KeyValue(t.key(), t.value() == null ? "" : t.value());
    Validation.key(tag.key(), path + "key", "Tag");
    Validation.maxLength(path + "key", Validation.MAX_ENTITY_KEY_LENGTH, tag.key());
    if (tag.key().equals(LOG_MODEL_HISTORY_TAG)) {
      return tag; // MLflow keeps the whole model history in this tag; never cut it.
    }
    return new KeyValue(tag.key(), Validation.truncate(tag.value(), Validation.MAX_TAG_VAL_LENGTH));
  }

  /** The tags of a request, each checked at {@code tags[i].}; none for null. */
  static List<KeyValue> tags(List<KeyValue> tags) {
    List<KeyValue> out = new ArrayList<>();
    if (tags != null) {
      for (int i = 0; i < tags.size(); i++) {
        out.add(tag(tags.get(i), "tags[" + i + "]."));
      }
    }
    return out;
  }

  static void dataset(DatasetIn in, int index) {
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

  /** A run status by name or number (RUNNING = 1 ... KILLED = 5). */
  static String status(String status) {
    return ProtoEnum.require(
        status, STATUSES, 1, "Invalid value \"" + status + "\" for parameter 'status' supplied.");
  }

  /** Refuses params whose stored value differs from the requested one (MLflow's wording). */
  static void unchangedParams(String runId, List<KeyValue> requested, Map<String, String> stored) {
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
}
