package io.homelab.observer.tracking.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.error.MlflowException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * MLflow's request limits and name rules (mlflow/utils/validation.py), with its messages, so
 * clients see the same failures. Pure functions; the stores call them before writing anything.
 */
public final class Validation {

  public static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
  public static final int MAX_METRICS_PER_BATCH = 1000;
  public static final int MAX_ENTITIES_PER_BATCH = 1000;
  public static final int MAX_PARAM_VAL_LENGTH = 6000;
  public static final int MAX_TAG_VAL_LENGTH = 8000;
  public static final int MAX_EXPERIMENT_NAME_LENGTH = 500;
  public static final int MAX_EXPERIMENT_TAG_KEY_LENGTH = 250;
  public static final int MAX_EXPERIMENT_TAG_VAL_LENGTH = 20000;
  public static final int MAX_ENTITY_KEY_LENGTH = 250;
  public static final int MAX_REGISTRY_TAG_KEY_LENGTH = 250;
  public static final int MAX_REGISTRY_TAG_VALUE_LENGTH = 100_000;
  public static final int MAX_DATASET_NAME_SIZE = 500;
  public static final int MAX_DATASET_DIGEST_SIZE = 36;
  public static final int MAX_DATASET_SCHEMA_SIZE = 1048575;
  public static final int MAX_DATASET_SOURCE_SIZE = 65535;
  public static final int MAX_DATASET_PROFILE_SIZE = 16777215;
  public static final int MAX_INPUT_TAG_KEY_SIZE = 255;
  public static final int MAX_INPUT_TAG_VALUE_SIZE = 500;

  private static final Pattern NAME =
      Pattern.compile("^[/\\w.\\- :]*$", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern RUN_ID = Pattern.compile("^[a-zA-Z0-9][\\w\\-]{0,255}$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Validation() {}

  /** Throws MLflow's "Missing value for required parameter" when the value is null or empty. */
  public static <T> T required(T value, String field) {
    if (value == null || (value instanceof String s && s.isEmpty())) {
      throw MlflowException.missing(field);
    }
    return value;
  }

  /** MLflow's {@code invalid_value}: the value JSON-encoded, then an optional explanation. */
  public static String invalidValue(String path, Object value, String message) {
    String formatted;
    try {
      formatted = JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      formatted = String.valueOf(value);
    }
    return message == null
        ? "Invalid value " + formatted + " for parameter '" + path + "' supplied."
        : "Invalid value " + formatted + " for parameter '" + path + "' supplied: " + message;
  }

  /** MLflow's {@code exceeds_maximum_length}. */
  public static String exceedsMaximumLength(String path, int limit) {
    return "'" + path + "' exceeds the maximum length of " + limit + " characters";
  }

  /** Validates a metric, param or tag key (characters and path uniqueness), as MLflow does. */
  public static void key(String name, String path, String kind) {
    if (name == null) {
      throw MlflowException.invalid(
          invalidValue(path, kind.equals("Metric") ? null : "", kind + " name cannot be None."));
    }
    if (!NAME.matcher(name).matches()) {
      throw MlflowException.invalid(
          invalidValue(
              path,
              name,
              "Names may only contain alphanumerics, underscores (_), dashes (-), periods (.),"
                  + " spaces ( ), colon(:) and slashes (/)."));
    }
    if (pathNotUnique(name)) {
      throw MlflowException.invalid(
          invalidValue(
              path,
              name,
              "Names may be treated as files in certain cases, and must not resolve to other names"
                  + " when treated as such. This name would resolve to '"
                  + normpath(name)
                  + "'"));
    }
  }

  /** Errors when over the limit (no truncation). */
  public static void maxLength(String entity, int limit, String value) {
    if (value != null && value.length() > limit) {
      throw MlflowException.invalid(exceedsMaximumLength(entity, limit));
    }
  }

  /**
   * Truncates values over the limit, as MLflow's server does with its default
   * MLFLOW_TRUNCATE_LONG_VALUES=true, instead of failing a whole training run on one long value.
   */
  public static String truncate(String value, int limit) {
    return value != null && value.length() > limit ? value.substring(0, limit) : value;
  }

  /** Validates a run id's shape before any lookup. */
  public static void runId(String runId, String path) {
    if (!RUN_ID.matcher(runId).matches()) {
      throw MlflowException.invalid(invalidValue(path, runId, null));
    }
  }

  /** Parses an experiment id (the SQL store's ids are integers). */
  public static long experimentId(String id) {
    try {
      return Long.parseLong(id.trim());
    } catch (NumberFormatException e) {
      throw MlflowException.invalid(
          "Invalid experiment ID '" + id + "'. Experiment ID must be a valid integer.");
    }
  }

  /** MLflow's {@code path_not_unique}. */
  static boolean pathNotUnique(String name) {
    String norm = normpath(name);
    return !norm.equals(name) || norm.equals(".") || norm.startsWith("..") || norm.startsWith("/");
  }

  /** Python's {@code posixpath.normpath}. */
  static String normpath(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    int initialSlashes = 0;
    if (path.startsWith("/")) {
      initialSlashes = path.startsWith("//") && !path.startsWith("///") ? 2 : 1;
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String comp : path.split("/")) {
      if (comp.isEmpty() || comp.equals(".")) {
        continue;
      }
      if (!comp.equals("..")
          || (initialSlashes == 0 && parts.isEmpty())
          || (!parts.isEmpty() && parts.peekLast().equals(".."))) {
        parts.addLast(comp);
      } else if (!parts.isEmpty()) {
        parts.removeLast();
      }
    }
    String joined = "/".repeat(initialSlashes) + String.join("/", parts);
    return joined.isEmpty() ? "." : joined;
  }
}
