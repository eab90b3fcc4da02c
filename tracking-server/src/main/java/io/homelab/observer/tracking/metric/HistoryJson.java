package io.homelab.observer.tracking.metric;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A metric history response written straight from {@link PointColumns} to the response stream, in
 * the shape MLflow's server prints it: {@code {"metrics": [{"key", "value", "timestamp", "step" [,
 * "run_id"]}, ...], "next_page_token"}}; non-finite values as the strings {@code "NaN"}, {@code
 * "Infinity"} and {@code "-Infinity"} (protobuf's JSON); int64 fields as numbers (MLflow's
 * message_to_json); an empty list left out, so an empty history is {@code {}}.
 *
 * <p>Why not a record list through the JAX-RS Jackson writer: 100,000 points became 100,000 records
 * with boxed fields, then a bean-property walk per point; here the field names and the key are
 * escaped once and each point is three primitive writes.
 */
final class HistoryJson implements StreamingOutput {

  // Shortest round-trip digits (Schubfach), like Python's repr that MLflow's JSON uses; cheaper
  // than JDK 17's Double.toString. The generator never closes the response stream itself.
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();
  private static final SerializableString METRICS = new SerializedString("metrics");
  private static final SerializableString KEY = new SerializedString("key");
  private static final SerializableString VALUE = new SerializedString("value");
  private static final SerializableString TIMESTAMP = new SerializedString("timestamp");
  private static final SerializableString STEP = new SerializedString("step");
  private static final SerializableString RUN_ID = new SerializedString("run_id");
  private static final SerializableString NEXT_PAGE_TOKEN = new SerializedString("next_page_token");
  // Large writes to the response: fewer, bigger HTTP chunks for the client to take apart.
  private static final int BUFFER_BYTES = 64 * 1024;

  private final PointColumns points;
  private final String nextPageToken;

  HistoryJson(PointColumns points, String nextPageToken) {
    this.points = points;
    this.nextPageToken = nextPageToken;
  }

  @Override
  public void write(OutputStream output) throws IOException {
    BufferedOutputStream buffered = new BufferedOutputStream(output, BUFFER_BYTES);
    try (JsonGenerator g = FACTORY.createGenerator(buffered, JsonEncoding.UTF8)) {
      write(g);
    }
    buffered.flush();
  }

  private void write(JsonGenerator g) throws IOException {
    g.writeStartObject();
    int n = points.size();
    if (n > 0) {
      SerializableString key = new SerializedString(points.key());
      g.writeFieldName(METRICS);
      g.writeStartArray();
      for (int i = 0; i < n; i++) {
        g.writeStartObject();
        g.writeFieldName(KEY);
        g.writeString(key);
        g.writeFieldName(VALUE);
        writeValue(g, points.value(i));
        g.writeFieldName(TIMESTAMP);
        g.writeNumber(points.timestamp(i));
        g.writeFieldName(STEP);
        g.writeNumber(points.step(i));
        if (points.withRunIds()) {
          g.writeFieldName(RUN_ID);
          g.writeString(points.runId(i));
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (nextPageToken != null) {
      g.writeFieldName(NEXT_PAGE_TOKEN);
      g.writeString(nextPageToken);
    }
    g.writeEndObject();
  }

  /** A double as protobuf's JSON printer writes it: a number, or a string when not finite. */
  static void writeValue(JsonGenerator g, double v) throws IOException {
    if (Double.isNaN(v)) {
      g.writeString("NaN");
    } else if (v == Double.POSITIVE_INFINITY) {
      g.writeString("Infinity");
    } else if (v == Double.NEGATIVE_INFINITY) {
      g.writeString("-Infinity");
    } else {
      g.writeNumber(v);
    }
  }
}
