package io.homelab.observer.tracking.wire;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.homelab.observer.tracking.error.MlflowException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Reads MLflow requests the way MLflow's {@code _get_request_message} does: GET fields from the
 * query string (a field given several times is a repeated field), other methods from a JSON body
 * that may be empty ({@code {}}) or, from old clients, a JSON string holding the JSON. Values
 * follow protobuf JSON: int64 as number or string, doubles as numbers or
 * "NaN"/"Infinity"/"-Infinity", unknown fields ignored.
 *
 * <p>When the auth filter has already built the request's {@link CanonicalRequest} (auth on), every
 * method here binds that object and ignores its own argument: the handler then acts on exactly the
 * fields the permission check read.
 */
@Singleton
public class RequestReader {

  private final ObjectMapper mapper;
  private final ObjectMapper strict;
  private final CurrentVertxRequest current;

  public RequestReader(ObjectMapper shared, CurrentVertxRequest current) {
    this.current = current;
    // A private copy: the lenient settings below are MLflow's wire rules, not the whole app's.
    this.mapper =
        shared
            .copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);
    // Correctly rounded like the JDK's parser but several times faster: a 1,000-metric log-batch
    // parses 1,000 doubles, which was the largest single item of its JSON binding.
    mapper.getFactory().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
    // JSON bodies get MLflow's type checks: a number or boolean where a string belongs, or a string
    // where a list belongs, is 400 (query strings carry only text, and a list given once is one
    // value, so they keep the lenient mapper).
    this.strict =
        mapper.copy().configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
    strict
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
  }

  /** Parses a JSON request body (POST, PATCH, DELETE). */
  public <T> T body(String body, Class<T> type) {
    CanonicalRequest canonical = canonical();
    if (canonical != null) {
      return convert(canonical.fields(), type, !canonical.fromQuery());
    }
    if (body == null || body.isBlank()) {
      return convert(mapper.createObjectNode(), type, true);
    }
    if (startsWithObject(body) && !body.contains("\"run_uuid\"")) {
      // The common case, a plain JSON object: bind it in one pass. Building a tree first and
      // binding the tree cost twice as much for a 1,000-metric log-batch; the tree is needed only
      // for the run_uuid alias and the double-encoded and non-object bodies below.
      try {
        return strict.readValue(body, type);
      } catch (MismatchedInputException e) {
        // Rare: an id given as a JSON number, or a type error to report with its value; the tree
        // path below normalises the one and names the other.
      } catch (JsonParseException e) {
        throw MlflowException.invalid("Malformed JSON request body: " + e.getOriginalMessage());
      } catch (JsonProcessingException e) {
        // As the tree path answers a value it cannot bind (a number too large for int64, ...).
        throw MlflowException.invalid("Invalid request: " + e.getMessage().split("\n")[0]);
      }
    }
    return convert(RequestFields.fromBody(mapper, body), type, true);
  }

  /**
   * Parses the JSON object body of a homelab endpoint (no MLflow field aliases such as {@code
   * run_uuid}) straight from its UTF-8 bytes: a 1,000-line log batch is ~150 KB, and decoding it to
   * a String and scanning that for the alias were a tenth of its ingest CPU. Anything but a plain
   * object is read as {@link #body(String, Class)} reads it.
   */
  public <T> T objectBody(byte[] body, Class<T> type) {
    CanonicalRequest canonical = canonical();
    if (canonical != null) {
      return convert(canonical.fields(), type, !canonical.fromQuery());
    }
    if (body == null || !startsWithObject(body)) {
      return body(body == null ? null : new String(body, StandardCharsets.UTF_8), type);
    }
    try {
      return mapper.readValue(body, type);
    } catch (IOException e) {
      if (invalidUtf8(e) || e instanceof MismatchedInputException) {
        // The String path is as lenient with a stray byte in a log line (U+FFFD instead of failing
        // the sender's whole batch) and names a mistyped field with its value.
        return body(new String(body, StandardCharsets.UTF_8), type);
      }
      if (e instanceof JsonParseException p) {
        throw MlflowException.invalid("Malformed JSON request body: " + p.getOriginalMessage());
      }
      throw MlflowException.invalid("Invalid request: " + e.getMessage().split("\n")[0]);
    }
  }

  private static boolean invalidUtf8(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("Invalid UTF-8")) {
        return true;
      }
    }
    return false;
  }

  /**
   * DELETE requests: MLflow clients send a JSON body, but a body-less DELETE with the fields in the
   * query string is read too.
   */
  public <T> T bodyOrQuery(String body, MultivaluedMap<String, String> params, Class<T> type) {
    CanonicalRequest canonical = canonical();
    if (canonical != null) {
      return convert(canonical.fields(), type, !canonical.fromQuery());
    }
    if ((body == null || body.isBlank()) && !params.isEmpty()) {
      return query(params, type);
    }
    return body(body, type);
  }

  /** Parses GET query parameters; a parameter given more than once becomes a list. */
  public <T> T query(MultivaluedMap<String, String> params, Class<T> type) {
    CanonicalRequest canonical = canonical();
    if (canonical != null) {
      return convert(canonical.fields(), type, !canonical.fromQuery());
    }
    return convert(RequestFields.fromQuery(mapper, params), type, false);
  }

  /**
   * Whether the auth filter already read this request into its canonical fields, which every method
   * here then binds: a route with its own faster reader of the body must use this class instead.
   */
  public boolean hasCanonicalRequest() {
    return canonical() != null;
  }

  /** The canonical request the auth filter stored for this HTTP request, or null. */
  private CanonicalRequest canonical() {
    ManagedContext requestContext = Arc.container().requestContext();
    if (!requestContext.isActive()) {
      return null;
    }
    RoutingContext rc = current.getCurrent();
    return rc == null ? null : rc.get(CanonicalRequest.KEY);
  }

  private <T> T convert(JsonNode node, Class<T> type, boolean fromBody) {
    if (node instanceof ObjectNode obj && obj.has("run_uuid")) {
      // run_uuid is MLflow's old name of run_id; the Java client sends both, Python only run_id.
      JsonNode legacy = obj.remove("run_uuid");
      if (!obj.hasNonNull("run_id") || obj.get("run_id").asText().isEmpty()) {
        obj.set("run_id", legacy);
      }
    }
    if (fromBody && node instanceof ObjectNode obj) {
      idsAsText(obj);
    }
    try {
      return (fromBody ? strict : mapper).treeToValue(node, type);
    } catch (MismatchedInputException e) {
      throw mismatched(e, node);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw MlflowException.invalid("Invalid request: " + e.getMessage().split("\n")[0]);
    }
  }

  /**
   * Experiment ids and model versions may be JSON integers (documented; the Java client and old
   * scripts send them so): they become the text the records hold before the strict binding.
   */
  private static void idsAsText(ObjectNode obj) {
    for (String field : new String[] {"experiment_id", "version"}) {
      JsonNode n = obj.get(field);
      if (n != null && n.isIntegralNumber()) {
        obj.put(field, n.asText());
      }
    }
    if (obj.get("experiment_ids") instanceof ArrayNode ids) {
      for (int i = 0; i < ids.size(); i++) {
        if (ids.get(i).isIntegralNumber()) {
          ids.set(i, ids.get(i).asText());
        }
      }
    }
  }

  private static MlflowException mismatched(MismatchedInputException e, JsonNode root) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    JsonNode value = root;
    for (var ref : e.getPath()) {
      value =
          value == null
              ? null
              : ref.getFieldName() != null
                  ? value.get(ref.getFieldName())
                  : value.get(ref.getIndex());
    }
    if (value != null && !value.isMissingNode()) {
      // MLflow's wording, with the offending value (its tests and clients match on it).
      return InvalidValue.of(path, value);
    }
    return MlflowException.invalid(
        "Invalid value for parameter '"
            + path
            + "' supplied: expected "
            + expectedKind(e.getTargetType())
            + ". See the API docs for more information about request parameters.");
  }

  private static boolean startsWithObject(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b == '{';
      }
    }
    return false;
  }

  private static boolean startsWithObject(String body) {
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (!Character.isWhitespace(ch)) {
        return ch == '{';
      }
    }
    return false;
  }

  /**
   * Names the JSON kind a field wants, in words: Jackson's own message names Java classes, which
   * bodies never do.
   */
  static String expectedKind(Class<?> type) {
    if (type == null) {
      return "a different type";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "an integer";
    }
    if (type == Double.class
        || type == double.class
        || type == Float.class
        || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (type == String.class || type.isEnum()) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "an object";
  }
}
