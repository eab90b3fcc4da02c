package io.homelab.observer.tracking.evaldataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.tracking.error.MlflowException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON-in-a-string fields of the dataset API ({@code tags}, {@code records}): parsing with a
 * clear 400 for text that is not the JSON MLflow expects, writing, and the canonical form records
 * are deduplicated by.
 */
final class JsonText {

  private JsonText() {}

  static JsonNode parse(ObjectMapper json, String text, String field) {
    try {
      JsonNode node = json.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw MlflowException.invalid(
            "Invalid value for parameter '" + field + "' supplied: expected JSON text.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw MlflowException.invalid(
          "Invalid value for parameter '"
              + field
              + "' supplied: not valid JSON ("
              + e.getOriginalMessage()
              + ").");
    }
  }

  /**
   * A JSON object of tags as key to text: strings as they are, other values as JSON text; nulls are
   * kept as null (set-tags skips them).
   */
  static Map<String, String> tags(ObjectMapper json, String text, String field) {
    JsonNode node = parse(json, text, field);
    if (node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw MlflowException.invalid(
          "Invalid value for parameter '" + field + "' supplied: expected a JSON object.");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      out.put(e.getKey(), v.isNull() ? null : v.isTextual() ? v.asText() : v.toString());
    }
    return out;
  }

  static ArrayNode array(ObjectMapper json, String text, String field) {
    JsonNode node = parse(json, text, field);
    if (!(node instanceof ArrayNode a)) {
      throw MlflowException.invalid(
          "Invalid value for parameter '" + field + "' supplied: expected a JSON list.");
    }
    return a;
  }

  static String write(ObjectMapper json, Object value) {
    if (value == null) {
      return null;
    }
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON value cannot be written", e);
    }
  }

  static ObjectNode readObject(ObjectMapper json, String stored) {
    if (stored == null) {
      return null;
    }
    try {
      return (ObjectNode) json.readTree(stored);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("stored dataset JSON is not an object", e);
    }
  }

  static JsonNode read(ObjectMapper json, String stored) {
    if (stored == null) {
      return null;
    }
    try {
      return json.readTree(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored dataset JSON is not JSON", e);
    }
  }

  /** SHA-256 (hex) of the value with object keys sorted at every level, as MLflow hashes inputs. */
  static String canonicalHash(ObjectMapper json, JsonNode value) {
    String canonical = write(json, sorted(value));
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object sorted(JsonNode v) {
    if (v.isObject()) {
      Map<String, Object> m = new TreeMap<>();
      v.fields().forEachRemaining(e -> m.put(e.getKey(), sorted(e.getValue())));
      return m;
    }
    if (v.isArray()) {
      java.util.List<Object> l = new java.util.ArrayList<>();
      v.forEach(x -> l.add(sorted(x)));
      return l;
    }
    return v;
  }
}
