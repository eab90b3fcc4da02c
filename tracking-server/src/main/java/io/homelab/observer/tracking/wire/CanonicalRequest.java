package io.homelab.observer.tracking.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one parsed form of an MLflow request: its fields taken from exactly one source (query string
 * or JSON body), aliases resolved and identifiers checked ({@link RequestCanonicaliser}). The auth
 * filter builds it once and stores it on the routing context under {@link #KEY}; the permission
 * check and the handler ({@link RequestReader}) both read this object, so they cannot disagree on
 * which run, experiment or model a request names.
 */
public final class CanonicalRequest {

  /** Routing-context key of the canonical request. */
  public static final String KEY = "homelab.request.canonical";

  private final ObjectNode fields;
  private final boolean fromQuery;

  CanonicalRequest(ObjectNode fields, boolean fromQuery) {
    this.fields = fields;
    this.fromQuery = fromQuery;
  }

  /** True when the fields came from the query string (all text), false for a JSON body. */
  boolean fromQuery() {
    return fromQuery;
  }

  /** The fields as a JSON object (read-only by convention: the handler binds it, nobody edits). */
  ObjectNode fields() {
    return fields;
  }

  /** The value of a single-valued field as text; empty when absent. */
  public Optional<String> first(String name) {
    List<String> all = all(name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Every value of {@code name}: the elements of a list field, or the one scalar. */
  public List<String> all(String name) {
    List<String> values = new ArrayList<>();
    JsonNode node = fields.get(name);
    if (node == null) {
      return values;
    }
    if (node.isArray()) {
      node.forEach(n -> addScalar(values, n));
    } else {
      addScalar(values, node);
    }
    return values;
  }

  /**
   * Every scalar found by following {@code path} from field {@code name}, stepping into each
   * element of a list on the way: {@code at("locations", "mlflow_experiment", "experiment_id")}
   * reads an id out of every location.
   */
  public List<String> at(String name, String... path) {
    List<JsonNode> level = new ArrayList<>();
    level.add(fields.get(name));
    for (String step : path) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : level) {
        if (n != null && n.isArray()) {
          n.forEach(e -> next.add(e.get(step)));
        } else if (n != null && n.isObject()) {
          next.add(n.get(step));
        }
      }
      level = next;
    }
    List<String> values = new ArrayList<>();
    for (JsonNode n : level) {
      if (n != null && n.isArray()) {
        n.forEach(e -> addScalar(values, e));
      } else {
        addScalar(values, n);
      }
    }
    return values;
  }

  private static void addScalar(List<String> values, JsonNode n) {
    if (n != null && n.isValueNode() && !n.isNull()) {
      values.add(n.asText());
    }
  }
}
