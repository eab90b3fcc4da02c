package io.homelab.observer.tracking.trace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.tracking.error.MlflowException;
import java.util.UUID;

/**
 * MLflow's rules for an assessment's server-set fields (SqlAssessments.from_mlflow_entity): an id
 * {@code a-<32 hex>} unless given, the trace id from the route, creation and update times, and
 * {@code valid} true unless given.
 */
final class Assessments {

  private Assessments() {}

  /**
   * An expectation whose value is a list or an object is kept as MLflow serialises it: {@code
   * serialized_value: {serialization_format: JSON_FORMAT, value: "<json>"}} (Expectation.to_proto).
   */
  static void serializeExpectation(ObjectNode assessment) {
    if (assessment.get("expectation") instanceof ObjectNode e) {
      com.fasterxml.jackson.databind.JsonNode v = e.get("value");
      if (v != null && (v.isObject() || v.isArray())) {
        e.remove("value");
        ObjectNode serialized = e.putObject("serialized_value");
        serialized.put("serialization_format", "JSON_FORMAT");
        serialized.put("value", PythonJson.dumps(v));
      }
    }
  }

  /** The assessment to store, checked: a name and exactly one of feedback or expectation. */
  static ObjectNode prepareNew(ObjectNode a, String traceId, long nowMs) {
    ObjectNode out = a.deepCopy();
    String name = out.path("assessment_name").asText("");
    if (name.isEmpty()) {
      throw MlflowException.invalid("Assessment name must be specified.");
    }
    boolean feedback = out.hasNonNull("feedback");
    boolean expectation = out.hasNonNull("expectation");
    if (feedback == expectation) {
      throw MlflowException.invalid(
          "Exactly one of `expectation` or `feedback` should be specified.");
    }
    serializeExpectation(out);
    if (out.path("assessment_id").asText("").isEmpty()) {
      out.put("assessment_id", "a-" + UUID.randomUUID().toString().replace("-", ""));
    }
    out.put("trace_id", traceId);
    String now = TraceTime.timestamp(nowMs);
    if (out.path("create_time").asText("").isEmpty()) {
      out.put("create_time", now);
    } else {
      TraceTime.parseTimestamp(out.path("create_time").asText(), "create_time");
    }
    if (out.path("last_update_time").asText("").isEmpty()) {
      out.put("last_update_time", out.path("create_time").asText());
    }
    if (!out.has("valid")) {
      out.put("valid", true);
    }
    return out;
  }
}
