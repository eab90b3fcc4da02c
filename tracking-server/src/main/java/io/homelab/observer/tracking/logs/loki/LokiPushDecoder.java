package io.homelab.observer.tracking.logs.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.homelab.observer.tracking.error.BodyTooLargeException;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.wire.BoundedBody;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a Loki push body into streams of (nanosecond timestamp, line): the JSON form ({@code
 * {"streams":[{"stream":{labels},"values":[["<ns>","line"]]}]}}) and the protobuf form Promtail,
 * Alloy and Docker's Loki driver send ({@code logproto.PushRequest}, snappy block-compressed), read
 * field by field with {@link CodedInputStream} so no generated classes are needed. A gzip {@code
 * Content-Encoding} is undone first.
 */
@Singleton
public class LokiPushDecoder {

  /** Largest body after decompression (same cap as every other JSON request). */
  static final int MAX_DECODED = Math.toIntExact(BoundedBody.MAX_IN_MEMORY);

  /** One stream of a push. */
  public record Stream(Map<String, String> labels, List<Line> lines) {}

  /** One line: Loki timestamps are nanoseconds. */
  public record Line(long nanos, String text) {}

  private final ObjectMapper json;

  public LokiPushDecoder(ObjectMapper json) {
    this.json = json;
  }

  /** Decodes a push body given its content type and encoding headers. */
  public List<Stream> decode(byte[] body, String contentType, String contentEncoding) {
    byte[] bytes = body;
    if (contentEncoding != null && contentEncoding.toLowerCase().contains("gzip")) {
      bytes = gunzip(bytes);
    }
    String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
    if (type.equals("application/json")) {
      return json(bytes);
    }
    if (type.isEmpty() || type.equals("application/x-protobuf")) {
      return protobuf(snappy(bytes));
    }
    throw MlflowException.invalid(
        "Content-Type must be application/x-protobuf (snappy) or application/json, not " + type);
  }

  private List<Stream> json(byte[] bytes) {
    JsonNode root;
    try {
      root = json.readTree(bytes);
    } catch (IOException e) {
      throw MlflowException.invalid("Malformed JSON push body");
    }
    JsonNode streams = root == null ? null : root.get("streams");
    if (streams == null || !streams.isArray()) {
      throw MlflowException.missing("streams");
    }
    List<Stream> out = new ArrayList<>();
    for (JsonNode s : streams) {
      Map<String, String> labels = new java.util.LinkedHashMap<>();
      s.path("stream")
          .fields()
          .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
      List<Line> lines = new ArrayList<>();
      for (JsonNode v : s.path("values")) {
        if (!v.isArray() || v.size() < 2) {
          throw MlflowException.invalid("each value must be [\"<unix ns>\", \"<line>\"]");
        }
        lines.add(new Line(nanos(v.get(0).asText()), v.get(1).asText()));
      }
      out.add(new Stream(labels, lines));
    }
    return out;
  }

  private static long nanos(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw MlflowException.invalid("timestamp '" + text + "' is not unix nanoseconds");
    }
  }

  static List<Stream> protobuf(byte[] bytes) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      List<Stream> out = new ArrayList<>();
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (tag == (1 << 3 | 2)) { // PushRequest.streams
          int limit = in.pushLimit(in.readRawVarint32());
          out.add(stream(in));
          in.popLimit(limit);
        } else {
          in.skipField(tag);
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw MlflowException.invalid("Malformed protobuf push body");
    }
  }

  private static Stream stream(CodedInputStream in) throws IOException {
    String labels = "{}";
    List<Line> lines = new ArrayList<>();
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 1 << 3 | 2 -> labels = in.readStringRequireUtf8(); // StreamAdapter.labels
        case 2 << 3 | 2 -> { // StreamAdapter.entries
          int limit = in.pushLimit(in.readRawVarint32());
          lines.add(entry(in));
          in.popLimit(limit);
        }
        default -> in.skipField(tag);
      }
    }
    return new Stream(LabelSet.parse(labels), lines);
  }

  private static Line entry(CodedInputStream in) throws IOException {
    long seconds = 0;
    long nanos = 0;
    String line = "";
    int tag;
    while ((tag = in.readTag()) != 0) {
      switch (tag) {
        case 1 << 3 | 2 -> { // EntryAdapter.timestamp (google.protobuf.Timestamp)
          int limit = in.pushLimit(in.readRawVarint32());
          int t;
          while ((t = in.readTag()) != 0) {
            switch (t) {
              case 1 << 3 -> seconds = in.readInt64();
              case 2 << 3 -> nanos = in.readInt32();
              default -> in.skipField(t);
            }
          }
          in.popLimit(limit);
        }
        case 2 << 3 | 2 -> line = in.readString(); // EntryAdapter.line
        default -> in.skipField(tag); // structured metadata: not kept
      }
    }
    return new Line(seconds * 1_000_000_000L + nanos, line);
  }

  private static byte[] snappy(byte[] bytes) {
    try {
      int length = SnappyDecompressor.getUncompressedLength(bytes, 0);
      if (length < 0) {
        throw MlflowException.invalid("push body is not snappy-compressed protobuf");
      }
      if (length > MAX_DECODED) {
        throw new BodyTooLargeException(MAX_DECODED); // checked before anything is allocated
      }
      byte[] out = new byte[length];
      new SnappyDecompressor().decompress(bytes, 0, bytes.length, out, 0, length);
      return out;
    } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw MlflowException.invalid("push body is not snappy-compressed protobuf");
    }
  }

  private static byte[] gunzip(byte[] bytes) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      byte[] out = in.readNBytes(MAX_DECODED + 1);
      if (out.length > MAX_DECODED) {
        throw new BodyTooLargeException(MAX_DECODED);
      }
      return out;
    } catch (IOException e) {
      throw MlflowException.invalid("Content-Encoding is gzip but the body is not");
    }
  }
}
