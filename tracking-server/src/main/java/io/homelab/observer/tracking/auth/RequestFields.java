package io.homelab.observer.tracking.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request fields an access rule reads: the query string of a GET, the JSON body of other
 * methods (MLflow's {@code _get_request_param}), with values as text whatever their JSON type.
 */
public final class RequestFields {

  private final Map<String, List<String>> query;
  private final JsonNode body;

  public RequestFields(Map<String, List<String>> query, JsonNode body) {
    this.query = query;
    this.body = body;
  }

  /** The first value of {@code name}, from the body first, then the query string. */
  public Optional<String> first(String name) {
    List<String> all = all(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Every value of {@code name}: a JSON array, a JSON scalar, or repeated query parameters. */
  public List<String> all(String name) {
    List<String> values = new ArrayList<>();
    if (body != null && body.isObject() && body.has(name)) {
      JsonNode node = body.get(name);
      if (node.isArray()) {
        node.forEach(n -> addScalar(values, n));
      } else {
        addScalar(values, node);
      }
    }
    if (values.isEmpty() && query != null) {
      values.addAll(query.getOrDefault(name, List.of()));
    }
    return values;
  }

  private static void addScalar(List<String> values, JsonNode n) {
    if (n != null && n.isValueNode() && !n.isNull()) {
      values.add(n.asText());
    }
  }
}
