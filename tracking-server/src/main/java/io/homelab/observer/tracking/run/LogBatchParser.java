package io.homelab.observer.tracking.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.homelab.observer.tracking.metric.MetricPoints;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.Validation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the common log-batch body, as MLflow's clients send it, in one streaming pass from its
 * UTF-8 bytes straight into {@link MetricPoints}: {@code {"run_id": "...", "metrics": [{"key":
 * "...", "value": 0.5, "timestamp": 1700000000000, "step": 3}, ...], "params": [...], "tags":
 * [...]}}.
 *
 * <p>Why: binding a 1,000-metric body to records (a String decoded from the bytes, a scan of it for
 * the run_uuid alias, 1,000 request records with boxed fields, then 1,000 validated copies) was the
 * largest part of a lone log-batch that is not the SQLite insert (issue 19, docs/benchmarks.md).
 *
 * <p>It accepts only what the general path ({@code RequestReader} and {@link RunValidation}) would
 * accept unchanged: a run id, numbers where numbers belong, every metric with a plain key ({@link
 * RunValidation#plainKey}), a value and a nonnegative timestamp. Anything else (an unknown or
 * repeated field, a string or null where a number belongs, "NaN" as a string, a run_uuid alias,
 * malformed JSON or UTF-8, a key MLflow's name rules must look at) answers null and the caller
 * reads the body the general way, so every error keeps MLflow's exact message and code.
 */
final class LogBatchParser {

  /** A log-batch read on the fast path; params and tags are not yet validated. */
  record Parsed(String runId, MetricPoints metrics, List<KeyValue> params, List<KeyValue> tags) {}

  private final JsonFactory json =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  /** The request, or null when the body must be read by the general path. */
  Parsed parse(byte[] body) {
    if (!plainUtf8Object(body)) {
      return null;
    }
    try (JsonParser p = json.createParser(body)) {
      Parsed parsed = request(p);
      // Trailing content (even whitespace-only is fine): the general path decides about the rest.
      return parsed != null && p.nextToken() == null ? parsed : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether the body starts like a UTF-8 JSON object: ASCII whitespace, then '{', and no zero byte
   * in the first four (Jackson would detect UTF-16 or UTF-32 there, and skip a byte-order mark,
   * where the general path decodes UTF-8 and answers its own error).
   */
  private static boolean plainUtf8Object(byte[] body) {
    for (int i = 0; i < Math.min(4, body.length); i++) {
      if (body[i] == 0) {
        return false;
      }
    }
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b == '{';
      }
    }
    return false;
  }

  private static Parsed request(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String runId = null;
    MetricPoints metrics = null;
    List<KeyValue> params = null;
    List<KeyValue> tags = null;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "run_id" -> {
          if (runId != null || value != JsonToken.VALUE_STRING) {
            return null;
          }
          runId = p.getText();
        }
        case "metrics" -> {
          if (metrics != null || value != JsonToken.START_ARRAY) {
            return null;
          }
          metrics = metrics(p);
          if (metrics == null) {
            return null;
          }
        }
        case "params", "tags" -> {
          if (value != JsonToken.START_ARRAY
              || (field.equals("params") ? params != null : tags != null)) {
            return null;
          }
          List<KeyValue> pairs = pairs(p);
          if (pairs == null) {
            return null;
          }
          if (field.equals("params")) {
            params = pairs;
          } else {
            tags = pairs;
          }
        }
        default -> {
          return null;
        }
      }
    }
    if (runId == null || runId.isEmpty()) {
      return null;
    }
    return new Parsed(
        runId,
        metrics == null ? new MetricPoints(0) : metrics,
        params == null ? List.of() : params,
        tags == null ? List.of() : tags);
  }

  /** The metrics array, the parser on its START_ARRAY; null when any point is not plain. */
  private static MetricPoints metrics(JsonParser p) throws IOException {
    MetricPoints points = new MetricPoints(Validation.MAX_METRICS_PER_BATCH);
    while (p.nextToken() == JsonToken.START_OBJECT) {
      if (points.size() >= Validation.MAX_METRICS_PER_BATCH || !point(p, points)) {
        return null;
      }
    }
    return p.currentToken() == JsonToken.END_ARRAY ? points : null;
  }

  /** One metric object (the parser on its START_OBJECT) appended; false when it is not plain. */
  private static boolean point(JsonParser p, MetricPoints points) throws IOException {
    String key = null;
    double value = 0;
    long timestamp = -1;
    long step = 0;
    String modelId = null;
    String datasetName = null;
    String datasetDigest = null;
    int seen = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      int bit;
      switch (field) {
        case "key" -> {
          bit = 1;
          if (v != JsonToken.VALUE_STRING) {
            return false;
          }
          key = p.getText();
        }
        case "value" -> {
          bit = 2;
          if (v != JsonToken.VALUE_NUMBER_FLOAT && v != JsonToken.VALUE_NUMBER_INT) {
            return false;
          }
          value = p.getDoubleValue();
        }
        case "timestamp" -> {
          bit = 4;
          if (!isLong(p, v)) {
            return false;
          }
          timestamp = p.getLongValue();
        }
        case "step" -> {
          bit = 8;
          if (!isLong(p, v)) {
            return false;
          }
          step = p.getLongValue();
        }
        case "model_id" -> {
          bit = 16;
          modelId = optionalText(p, v);
        }
        case "dataset_name" -> {
          bit = 32;
          datasetName = optionalText(p, v);
        }
        case "dataset_digest" -> {
          bit = 64;
          datasetDigest = optionalText(p, v);
        }
        default -> {
          return false;
        }
      }
      if ((seen & bit) != 0
          || (bit >= 16 && v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL)) {
        return false;
      }
      seen |= bit;
    }
    if ((seen & 7) != 7 || timestamp < 0 || !RunValidation.plainKey(key)) {
      return false;
    }
    points.add(key, value, timestamp, step, modelId, datasetName, datasetDigest);
    return true;
  }

  private static boolean isLong(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.VALUE_NUMBER_INT) {
      return false;
    }
    JsonParser.NumberType type = p.getNumberType();
    return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
  }

  private static String optionalText(JsonParser p, JsonToken v) throws IOException {
    return v == JsonToken.VALUE_STRING ? p.getText() : null;
  }

  /** A params or tags array of {"key": string, "value": string or null}; null otherwise. */
  private static List<KeyValue> pairs(JsonParser p) throws IOException {
    List<KeyValue> pairs = new ArrayList<>();
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String key = null;
      String value = null;
      boolean valueSeen = false;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (field.equals("key") && key == null && v == JsonToken.VALUE_STRING) {
          key = p.getText();
        } else if (field.equals("value")
            && !valueSeen
            && (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NULL)) {
          valueSeen = true;
          value = v == JsonToken.VALUE_STRING ? p.getText() : null;
        } else {
          return null;
        }
      }
      if (key == null) {
        return null;
      }
      pairs.add(new KeyValue(key, value));
    }
    return p.currentToken() == JsonToken.END_ARRAY ? pairs : null;
  }
}
