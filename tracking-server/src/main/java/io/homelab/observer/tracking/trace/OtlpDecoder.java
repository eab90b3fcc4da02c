package io.homelab.observer.tracking.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.homelab.observer.tracking.error.MlflowException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OTLP/HTTP protobuf {@code ExportTraceServiceRequest} (opentelemetry/proto/collector/
 * trace/v1) into {@link Span}s, field by field with {@link CodedInputStream} as the Loki push
 * decoder does: the few messages involved are stable (OTLP 1.x), and no generated classes or extra
 * artifact are needed. Unknown fields are skipped, as protobuf parsers do. Attribute values become
 * JSON values (string, boolean, integer, double, list, object), as MLflow decodes {@code AnyValue}.
 */
final class OtlpDecoder {

  /** One OpenTelemetry span, ids as raw bytes. */
  record Span(
      byte[] traceId,
      byte[] spanId,
      byte[] parentSpanId,
      String name,
      long startNanos,
      long endNanos,
      Map<String, JsonNode> attributes,
      List<Event> events,
      List<Link> links,
      int statusCode,
      String statusMessage) {}

  record Event(String name, long timeNanos, Map<String, JsonNode> attributes) {}

  record Link(byte[] traceId, byte[] spanId, Map<String, JsonNode> attributes) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 32;

  private OtlpDecoder() {}

  /** Every span of the request; 400 INVALID_PARAMETER_VALUE for bytes that are not OTLP. */
  static List<Span> decode(byte[] body) {
    List<Span> spans = new ArrayList<>();
    try {
      CodedInputStream in = CodedInputStream.newInstance(body);
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (WireFormat.getTagFieldNumber(tag) == 1) {
          resourceSpans(nested(in), spans);
        } else {
          in.skipField(tag);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw MlflowException.invalid("Invalid OpenTelemetry format");
    }
    return spans;
  }

  private static CodedInputStream nested(CodedInputStream in) throws IOException {
    return CodedInputStream.newInstance(in.readByteArray());
  }

  private static void resourceSpans(CodedInputStream in, List<Span> out) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (WireFormat.getTagFieldNumber(tag) == 2) {
        scopeSpans(nested(in), out);
      } else {
        in.skipField(tag);
      }
    }
  }

  private static void scopeSpans(CodedInputStream in, List<Span> out) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (WireFormat.getTagFieldNumber(tag) == 2) {
        out.add(span(nested(in)));
      } else {
        in.skipField(tag);
      }
    }
  }

  private static Span span(CodedInputStream in) throws IOException {
    byte[] traceId = new byte[0];
    byte[] spanId = new byte[0];
    byte[] parent = new byte[0];
    String name = "";
    long start = 0;
    long end = 0;
    Map<String, JsonNode> attributes = new LinkedHashMap<>();
    List<Event> events = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    int[] status = {0};
    String[] message = {""};
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> traceId = in.readByteArray();
        case 2 -> spanId = in.readByteArray();
        case 4 -> parent = in.readByteArray();
        case 5 -> name = in.readStringRequireUtf8();
        case 7 -> start = in.readFixed64();
        case 8 -> end = in.readFixed64();
        case 9 -> keyValue(nested(in), attributes, 0);
        case 11 -> events.add(event(nested(in)));
        case 13 -> links.add(link(nested(in)));
        case 15 -> status(nested(in), status, message);
        default -> in.skipField(tag);
      }
    }
    return new Span(
        traceId,
        spanId,
        parent,
        name,
        start,
        end,
        attributes,
        events,
        links,
        status[0],
        message[0]);
  }

  private static Event event(CodedInputStream in) throws IOException {
    long time = 0;
    String name = "";
    Map<String, JsonNode> attributes = new LinkedHashMap<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> time = in.readFixed64();
        case 2 -> name = in.readStringRequireUtf8();
        case 3 -> keyValue(nested(in), attributes, 0);
        default -> in.skipField(tag);
      }
    }
    return new Event(name, time, attributes);
  }

  private static Link link(CodedInputStream in) throws IOException {
    byte[] traceId = new byte[0];
    byte[] spanId = new byte[0];
    Map<String, JsonNode> attributes = new LinkedHashMap<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> traceId = in.readByteArray();
        case 2 -> spanId = in.readByteArray();
        case 4 -> keyValue(nested(in), attributes, 0);
        default -> in.skipField(tag);
      }
    }
    return new Link(traceId, spanId, attributes);
  }

  private static void status(CodedInputStream in, int[] code, String[] message) throws IOException {
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 2 -> message[0] = in.readStringRequireUtf8();
        case 3 -> code[0] = in.readEnum();
        default -> in.skipField(tag);
      }
    }
  }

  private static void keyValue(CodedInputStream in, Map<String, JsonNode> into, int depth)
      throws IOException {
    String key = "";
    JsonNode value = NODES.nullNode();
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> key = in.readStringRequireUtf8();
        case 2 -> value = anyValue(nested(in), depth + 1);
        default -> in.skipField(tag);
      }
    }
    into.put(key, value);
  }

  /** An AnyValue as JSON; bytes become base64 text (JSON has no bytes). */
  private static JsonNode anyValue(CodedInputStream in, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IOException("attribute values nested too deeply");
    }
    JsonNode value = NODES.nullNode();
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> value = NODES.textNode(in.readStringRequireUtf8());
        case 2 -> value = NODES.booleanNode(in.readBool());
        case 3 -> value = NODES.numberNode(in.readInt64());
        case 4 -> value = NODES.numberNode(in.readDouble());
        case 5 -> {
          ArrayNode array = NODES.arrayNode();
          CodedInputStream list = nested(in);
          int t;
          while ((t = list.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(t) == 1) {
              array.add(anyValue(nested(list), depth + 1));
            } else {
              list.skipField(t);
            }
          }
          value = array;
        }
        case 6 -> {
          Map<String, JsonNode> entries = new LinkedHashMap<>();
          CodedInputStream list = nested(in);
          int t;
          while ((t = list.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(t) == 1) {
              keyValue(nested(list), entries, depth + 1);
            } else {
              list.skipField(t);
            }
          }
          ObjectNode object = NODES.objectNode();
          object.setAll(entries);
          value = object;
        }
        case 7 -> value = NODES.textNode(Base64.getEncoder().encodeToString(in.readByteArray()));
        default -> in.skipField(tag);
      }
    }
    return value;
  }
}
