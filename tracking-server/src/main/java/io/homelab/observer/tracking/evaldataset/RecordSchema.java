package io.homelab.observer.tracking.evaldataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A dataset's schema as MLflow infers it from upserted records ({@code _update_dataset_schema}):
 * the type name of every input, output and expectation key seen, first type wins.
 */
final class RecordSchema {

  private RecordSchema() {}

  /** The schema JSON after merging {@code records} into {@code existing} (JSON text or null). */
  static String merge(ObjectMapper json, String existing, List<ObjectNode> records) {
    if (records.isEmpty() && existing == null) {
      return null;
    }
    ObjectNode schema = JsonText.readObject(json, existing);
    if (schema == null) {
      schema = json.createObjectNode();
      schema.putObject("inputs");
      schema.putObject("outputs");
      schema.putObject("expectations");
      schema.put("version", "1.0");
    }
    for (ObjectNode r : records) {
      addKeys(schema, "inputs", r.get("inputs"));
      JsonNode outputs = r.get("outputs");
      if (outputs != null && !outputs.isNull()) {
        if (outputs.isObject()) {
          addKeys(schema, "outputs", outputs);
        } else if (isEmpty(schema.get("outputs"))) {
          // A non-object output (a plain answer string) types the outputs as a whole.
          schema.put("outputs", type(outputs));
        }
      }
      addKeys(schema, "expectations", r.get("expectations"));
    }
    return JsonText.write(json, schema);
  }

  private static boolean isEmpty(JsonNode v) {
    return v == null
        || v.isNull()
        || (v.isContainerNode() && v.isEmpty())
        || (v.isTextual() && v.asText().isEmpty());
  }

  private static void addKeys(ObjectNode schema, String section, JsonNode values) {
    if (values == null || !values.isObject() || values.isEmpty()) {
      return;
    }
    if (!(schema.get(section) instanceof ObjectNode target)) {
      return;
    }
    values
        .fields()
        .forEachRemaining(
            e -> {
              if (!target.has(e.getKey())) {
                target.put(e.getKey(), type(e.getValue()));
              }
            });
  }

  /** MLflow's {@code _infer_field_type} names. */
  static String type(JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    } else if (v.isBoolean()) {
      return "boolean";
    } else if (v.isIntegralNumber()) {
      return "integer";
    } else if (v.isNumber()) {
      return "float";
    } else if (v.isTextual()) {
      return "string";
    } else if (v.isArray()) {
      return "array";
    } else if (v.isObject()) {
      return "object";
    }
    return "unknown";
  }
}
