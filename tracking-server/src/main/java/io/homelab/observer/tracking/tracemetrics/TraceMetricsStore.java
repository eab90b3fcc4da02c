package io.homelab.observer.tracking.tracemetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.tracemetrics.MetricCatalog.View;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the trace tables (trace_info, trace_tags, trace_request_metadata, spans, assessments) as
 * {@link Sample}s of one metric, restricted to experiments and a trace-time range; callers own the
 * transaction. Values and dimensions are read as MLflow's SQL store defines them.
 */
@Singleton
public class TraceMetricsStore {

  private static final String TRACE_NAME_TAG = "mlflow.traceName";
  private static final String TOKEN_USAGE = "mlflow.trace.tokenUsage";

  private final ObjectMapper json;

  public TraceMetricsStore(ObjectMapper json) {
    this.json = json;
  }

  List<Sample> samples(
      Connection c, View view, String metric, List<Long> experiments, Long fromMs, Long toMs)
      throws SQLException {
    List<Object> args = new ArrayList<>(experiments);
    String where = "t.experiment_id IN (" + Jdbc.placeholders(experiments.size()) + ")";
    if (fromMs != null) {
      where += " AND t.timestamp_ms >= ?";
      args.add(fromMs);
    }
    if (toMs != null) {
      where += " AND t.timestamp_ms <= ?";
      args.add(toMs);
    }
    return switch (view) {
      case TRACES -> traces(c, metric, where, args);
      case SPANS -> spans(c, metric, where, args);
      case ASSESSMENTS -> assessments(c, metric, where, args);
    };
  }

  private List<Sample> traces(Connection c, String metric, String where, List<Object> args)
      throws SQLException {
    List<Object> all = new ArrayList<>();
    all.add(TRACE_NAME_TAG);
    all.add(TOKEN_USAGE);
    all.addAll(args);
    return Jdbc.query(
        c,
        "SELECT t.timestamp_ms, t.execution_time_ms, t.status, n.value, u.value FROM trace_info t"
            + " LEFT JOIN trace_tags n ON n.request_id = t.request_id AND n.key = ?"
            + " LEFT JOIN trace_request_metadata u ON u.request_id = t.request_id AND u.key = ?"
            + " WHERE "
            + where,
        all,
        rs -> {
          Map<String, String> dims = new HashMap<>();
          dims.put("trace_name", rs.getString(4));
          dims.put("trace_status", rs.getString(3));
          Double value =
              switch (metric) {
                case "trace_count" -> 1.0;
                case "latency" -> {
                  long v = rs.getLong(2);
                  yield rs.wasNull() ? null : (double) v;
                }
                default -> tokens(rs.getString(5), metric);
              };
          return new Sample(rs.getLong(1), dims, value);
        });
  }

  /** A token count from MLflow's token-usage metadata ({@code {"input_tokens": 10, ...}}). */
  private Double tokens(String usage, String key) {
    if (usage == null) {
      return null;
    }
    try {
      JsonNode v = json.readTree(usage).get(key);
      return v != null && v.isNumber() ? v.doubleValue() : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null; // a malformed usage entry counts as no usage, as a missing one does
    }
  }

  private List<Sample> spans(Connection c, String metric, String where, List<Object> args)
      throws SQLException {
    return Jdbc.query(
        c,
        "SELECT s.start_time_unix_nano, s.end_time_unix_nano, s.name, s.type, s.status"
            + " FROM spans s JOIN trace_info t ON t.request_id = s.trace_id WHERE "
            + where,
        args,
        rs -> {
          long start = rs.getLong(1);
          long end = rs.getLong(2);
          boolean ended = !rs.wasNull();
          Map<String, String> dims = new HashMap<>();
          dims.put("span_name", rs.getString(3));
          dims.put("span_type", rs.getString(4));
          dims.put("span_status", rs.getString(5));
          Double value =
              metric.equals("span_count")
                  ? Double.valueOf(1.0)
                  : ended ? Double.valueOf(Math.floorDiv(end - start, 1_000_000L)) : null;
          return new Sample(start / 1_000_000L, dims, value);
        });
  }

  private List<Sample> assessments(Connection c, String metric, String where, List<Object> args)
      throws SQLException {
    List<Sample> out = new ArrayList<>();
    Jdbc.query(
        c,
        "SELECT t.timestamp_ms, a.name, a.content FROM assessments a"
            + " JOIN trace_info t ON t.request_id = a.trace_id WHERE "
            + where,
        args,
        rs -> {
          JsonNode content = readContent(rs.getString(3));
          // Overridden assessments (valid: false) are not counted, as MLflow.
          if (content.path("valid").isBoolean() && !content.path("valid").asBoolean()) {
            return null;
          }
          JsonNode value =
              content.has("feedback")
                  ? content.path("feedback").path("value")
                  : content.path("expectation").path("value");
          Map<String, String> dims = new HashMap<>();
          dims.put("assessment_name", rs.getString(2));
          dims.put("assessment_value", value.isMissingNode() ? null : value.toString());
          Double v = metric.equals("assessment_count") ? Double.valueOf(1.0) : aggregate(value);
          out.add(new Sample(rs.getLong(1), dims, v));
          return null;
        });
    return out;
  }

  private JsonNode readContent(String content) {
    try {
      return json.readTree(content);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored assessment is not JSON", e);
    }
  }

  /** MLflow's assessment_aggregate: numbers, booleans as 1/0, "yes"/"no" as 1/0. */
  static Double aggregate(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.asBoolean() ? 1.0 : 0.0;
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    if (v.isTextual()) {
      String s = v.asText().trim().toLowerCase(java.util.Locale.ROOT);
      return s.equals("yes") ? Double.valueOf(1.0) : s.equals("no") ? Double.valueOf(0.0) : null;
    }
    return null;
  }
}
