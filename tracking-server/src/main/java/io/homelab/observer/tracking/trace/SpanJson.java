package io.homelab.observer.tracking.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * The two JSON forms of a span. Stored: MLflow's {@code Span.to_dict} (ids in base64, status as
 * {@code STATUS_CODE_*}, every attribute value JSON-encoded into a string, event attributes raw),
 * the {@code content} column MLflow's SQL store keeps. Served: OpenTelemetry's protobuf JSON as
 * MLflow's get-trace answers it (attributes as {@code [{"key", "value": AnyValue}]}, values decoded
 * back from their JSON text, int64 as numbers).
 */
final class SpanJson {

  /** The MLflow attribute holding the trace id ({@code "tr-<32 hex>"}), JSON-encoded. */
  static final String REQUEST_ID_ATTRIBUTE = "mlflow.traceRequestId";

  static final String SPAN_TYPE_ATTRIBUTE = "mlflow.spanType";
  static final String INPUTS_ATTRIBUTE = "mlflow.spanInputs";
  static final String OUTPUTS_ATTRIBUTE = "mlflow.spanOutputs";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] STATUS_CODES = {
    "STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"
  };

  private SpanJson() {}

  /** MLflow's trace id of an OpenTelemetry trace id. */
  static String mlflowTraceId(byte[] otelTraceId) {
    return "tr-" + HexFormat.of().formatHex(otelTraceId);
  }

  /** A decoded OTLP span in MLflow's stored form, with the columns of its row. */
  static StoredSpan stored(OtlpDecoder.Span s) {
    if (s.traceId().length != 16 || s.spanId().length != 8) {
      throw new IllegalArgumentException("trace_id must be 16 bytes and span_id 8 bytes");
    }
    String traceId = mlflowTraceId(s.traceId());
    boolean root = s.parentSpanId().length == 0;
    ObjectNode content = NODES.objectNode();
    content.put("trace_id", base64(s.traceId()));
    content.put("span_id", base64(s.spanId()));
    if (root) {
      content.putNull("parent_span_id");
    } else {
      content.put("parent_span_id", base64(s.parentSpanId()));
    }
    content.put("name", s.name());
    content.put("start_time_unix_nano", s.startNanos());
    if (s.endNanos() == 0) {
      content.putNull("end_time_unix_nano");
    } else {
      content.put("end_time_unix_nano", s.endNanos());
    }
    ArrayNode events = content.putArray("events");
    for (OtlpDecoder.Event e : s.events()) {
      ObjectNode event = events.addObject();
      event.put("name", e.name());
      event.put("time_unix_nano", e.timeNanos());
      event.putObject("attributes").setAll(e.attributes());
    }
    String code = s.statusCode() >= 0 && s.statusCode() < 3 ? STATUS_CODES[s.statusCode()] : "";
    ObjectNode status = content.putObject("status");
    status.put("code", code.isEmpty() ? STATUS_CODES[0] : code);
    status.put("message", s.statusMessage());
    ObjectNode attributes = content.putObject("attributes");
    for (Map.Entry<String, JsonNode> a : s.attributes().entrySet()) {
      attributes.put(a.getKey(), dump(a.getValue()));
    }
    // As MLflow: the request id is derived from the OpenTelemetry trace id, never trusted from
    // the client's attribute.
    attributes.put(REQUEST_ID_ATTRIBUTE, dump(NODES.textNode(traceId)));
    ArrayNode links = content.putArray("links");
    for (OtlpDecoder.Link l : s.links()) {
      if (l.traceId().length != 16 || l.spanId().length != 8) {
        continue;
      }
      ObjectNode link = links.addObject();
      link.put("trace_id", mlflowTraceId(l.traceId()));
      link.put("span_id", HexFormat.of().formatHex(l.spanId()));
      link.putObject("attributes").setAll(l.attributes());
    }
    JsonNode type = s.attributes().get(SPAN_TYPE_ATTRIBUTE);
    return new StoredSpan(
        traceId,
        HexFormat.of().formatHex(s.spanId()),
        root ? null : HexFormat.of().formatHex(s.parentSpanId()),
        s.name(),
        type == null || type.isNull() ? null : type.asText(),
        status.get("code").asText().substring("STATUS_CODE_".length()),
        s.startNanos(),
        s.endNanos() == 0 ? null : s.endNanos(),
        content.toString(),
        preview(s.attributes().get(INPUTS_ATTRIBUTE)),
        preview(s.attributes().get(OUTPUTS_ATTRIBUTE)));
  }

  /** A stored span as OpenTelemetry protobuf JSON. */
  static ObjectNode otel(String content) {
    JsonNode stored;
    try {
      stored = MAPPER.readTree(content);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored span is not JSON", e);
    }
    ObjectNode span = NODES.objectNode();
    span.put("trace_id", stored.path("trace_id").asText());
    span.put("span_id", stored.path("span_id").asText());
    JsonNode parent = stored.get("parent_span_id");
    if (parent != null && !parent.isNull() && !parent.asText().isEmpty()) {
      span.put("parent_span_id", parent.asText());
    }
    span.put("name", stored.path("name").asText());
    span.put("start_time_unix_nano", stored.path("start_time_unix_nano").asLong());
    JsonNode end = stored.get("end_time_unix_nano");
    if (end != null && !end.isNull() && end.asLong() != 0) {
      span.put("end_time_unix_nano", end.asLong());
    }
    ArrayNode attributes = span.putArray("attributes");
    for (Iterator<Map.Entry<String, JsonNode>> it = stored.path("attributes").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> a = it.next();
      keyValue(attributes, a.getKey(), load(a.getValue()));
    }
    ArrayNode events = NODES.arrayNode();
    for (JsonNode e : stored.path("events")) {
      ObjectNode event = events.addObject();
      event.put("time_unix_nano", e.path("time_unix_nano").asLong());
      event.put("name", e.path("name").asText());
      ArrayNode eventAttributes = NODES.arrayNode();
      e.path("attributes")
          .fields()
          .forEachRemaining(a -> keyValue(eventAttributes, a.getKey(), a.getValue()));
      if (!eventAttributes.isEmpty()) {
        event.set("attributes", eventAttributes);
      }
    }
    if (!events.isEmpty()) {
      span.set("events", events);
    }
    ObjectNode status = span.putObject("status");
    String code = stored.path("status").path("code").asText(STATUS_CODES[0]);
    if (!code.equals(STATUS_CODES[0])) {
      status.put("code", code);
    }
    String message = stored.path("status").path("message").asText("");
    if (!message.isEmpty()) {
      status.put("message", message);
    }
    return span;
  }

  /** A JSON value as OpenTelemetry's AnyValue JSON. */
  static ObjectNode anyValue(JsonNode v) {
    ObjectNode any = NODES.objectNode();
    if (v == null || v.isNull() || v.isMissingNode()) {
      return any;
    }
    if (v.isTextual()) {
      any.put("string_value", v.textValue());
    } else if (v.isBoolean()) {
      any.put("bool_value", v.booleanValue());
    } else if (v.isIntegralNumber() && v.canConvertToLong()) {
      any.put("int_value", v.longValue());
    } else if (v.isNumber()) {
      any.put("double_value", v.doubleValue());
    } else if (v.isArray()) {
      ArrayNode values = any.putObject("array_value").putArray("values");
      v.forEach(item -> values.add(anyValue(item)));
    } else if (v.isObject()) {
      ArrayNode values = any.putObject("kvlist_value").putArray("values");
      v.fields().forEachRemaining(e -> keyValue(values, e.getKey(), e.getValue()));
    }
    return any;
  }

  private static void keyValue(ArrayNode into, String key, JsonNode value) {
    ObjectNode kv = into.addObject();
    kv.put("key", key);
    kv.set("value", anyValue(value));
  }

  /** MLflow's dump_span_attribute_value: the value as JSON text. */
  static String dump(JsonNode value) {
    return PythonJson.dumps(value);
  }

  /** The JSON value of a stored attribute; text that is not JSON is the string itself. */
  static JsonNode load(JsonNode stored) {
    if (stored == null || !stored.isTextual()) {
      return stored;
    }
    try {
      return MAPPER.readTree(stored.textValue());
    } catch (JsonProcessingException e) {
      return stored;
    }
  }

  /** A root span's inputs or outputs as the JSON text MLflow previews. */
  private static String preview(JsonNode v) {
    return v == null || v.isNull() ? null : dump(v);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
