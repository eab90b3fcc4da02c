package io.homelab.observer.tracking.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.tracking.trace.Traces.Location;
import io.homelab.observer.tracking.trace.Traces.Trace;
import io.homelab.observer.tracking.trace.Traces.TraceInfo;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds TraceInfoV3 and Trace answers from rows: one query per child table for a whole page of
 * traces (tags, metadata, assessments, spans), never one per trace.
 */
@Singleton
public class TraceReader {

  static final String SPANS_LOCATION_TAG = "mlflow.trace.spansLocation";
  static final String TRACKING_STORE = "TRACKING_STORE";

  private final TraceStore traces;
  private final SpanStore spans;
  private final AssessmentStore assessments;

  public TraceReader(TraceStore traces, SpanStore spans, AssessmentStore assessments) {
    this.traces = traces;
    this.spans = spans;
    this.assessments = assessments;
  }

  List<TraceInfo> infos(Connection c, List<TraceRow> rows) throws SQLException {
    List<String> ids = rows.stream().map(TraceRow::traceId).toList();
    Map<String, Map<String, String>> tags = traces.keyValues(c, TraceStore.TAGS, ids);
    Map<String, Map<String, String>> metadata = traces.keyValues(c, TraceStore.METADATA, ids);
    Map<String, List<ObjectNode>> assessed = assessments.of(c, ids);
    List<TraceInfo> out = new ArrayList<>(rows.size());
    for (TraceRow r : rows) {
      out.add(info(r, tags.get(r.traceId()), metadata.get(r.traceId()), assessed.get(r.traceId())));
    }
    return out;
  }

  /**
   * Complete traces with their spans. With {@code allowPartial} false a trace whose spans are not
   * in the store yet, or fewer than its size stats announce, is left out (MLflow's "not fully
   * exported").
   */
  List<Trace> traces(Connection c, List<TraceRow> rows, boolean allowPartial) throws SQLException {
    List<TraceInfo> infos = infos(c, rows);
    Map<String, List<String>> contents =
        spans.contents(c, rows.stream().map(TraceRow::traceId).toList());
    List<Trace> out = new ArrayList<>();
    for (TraceInfo info : infos) {
      List<String> stored = contents.getOrDefault(info.traceId(), List.of());
      boolean inStore =
          info.tags() != null && TRACKING_STORE.equals(info.tags().get(SPANS_LOCATION_TAG));
      if (!allowPartial && (!inStore || stored.size() < expectedSpans(info))) {
        continue;
      }
      List<JsonNode> otel = new ArrayList<>(stored.size());
      stored.forEach(s -> otel.add(SpanJson.otel(s)));
      out.add(new Trace(info, otel.isEmpty() ? null : otel));
    }
    return out;
  }

  /** The span count of the client's size stats metadata, 0 when absent or unreadable. */
  private static int expectedSpans(TraceInfo info) {
    String stats =
        info.traceMetadata() == null ? null : info.traceMetadata().get("mlflow.trace.sizeStats");
    if (stats == null) {
      return 0;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"num_spans\"\\s*:\\s*(\\d{1,9})").matcher(stats);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static TraceInfo info(
      TraceRow r,
      Map<String, String> tags,
      Map<String, String> metadata,
      List<ObjectNode> assessments) {
    return new TraceInfo(
        r.traceId(),
        r.clientRequestId(),
        Location.experiment(r.experimentId()),
        r.requestPreview(),
        r.responsePreview(),
        TraceTime.timestamp(r.timestampMs()),
        r.executionTimeMs() == null ? null : TraceTime.duration(r.executionTimeMs()),
        r.state(),
        metadata == null || metadata.isEmpty() ? null : metadata,
        assessments == null || assessments.isEmpty() ? null : List.copyOf(assessments),
        tags == null || tags.isEmpty() ? null : tags);
  }
}
