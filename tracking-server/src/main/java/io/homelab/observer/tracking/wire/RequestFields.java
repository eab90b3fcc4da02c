package io.homelab.observer.tracking.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.tracking.error.MlflowException;
import java.util.List;
import java.util.Map;

/**
 * An MLflow request's fields as one JSON object, from the query string or from the body. {@link
 * RequestCanonicaliser} (for the permission check) and {@link RequestReader} (for the handler) both
 * build it here, so the two never read one request differently.
 */
final class RequestFields {

  private RequestFields() {}

  /** Query parameters; a parameter given more than once becomes a list. */
  static ObjectNode fromQuery(ObjectMapper mapper, Map<String, List<String>> query) {
    ObjectNode node = mapper.createObjectNode();
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      List<String> values = e.getValue();
      if (values.size() == 1) {
        node.put(e.getKey(), values.get(0));
      } else {
        ArrayNode array = node.putArray(e.getKey());
        values.forEach(array::add);
      }
    }
    return node;
  }

  /**
   * A JSON body: empty, blank or {@code null} is no fields; a JSON string holding the JSON (old
   * clients double-encode) is decoded once more, as MLflow does; anything but an object is 400.
   */
  static ObjectNode fromBody(ObjectMapper mapper, String body) {
    if (body == null || body.isBlank()) {
      return mapper.createObjectNode();
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
      if (node != null && node.isTextual()) {
        node = mapper.readTree(node.textValue());
      }
    } catch (JsonProcessingException e) {
      throw MlflowException.invalid("Malformed JSON request body: " + e.getOriginalMessage());
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return mapper.createObjectNode();
    }
    if (!(node instanceof ObjectNode object)) {
      throw MlflowException.invalid("The request body must be a JSON object.");
    }
    return object;
  }
}
