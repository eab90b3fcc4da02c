package io.homelab.observer.tracking.trace;

import io.homelab.observer.common.jdbc.Jdbc;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQL for the {@code spans} table; callers own the transaction. */
@Singleton
public class SpanStore {

  /** Inserts a span or replaces it (a span re-sent by a retrying exporter is the same span). */
  void upsert(Connection c, String experimentId, StoredSpan s) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO spans (trace_id, span_id, experiment_id, parent_span_id, name, type, status,"
            + " start_time_unix_nano, end_time_unix_nano, content)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (trace_id, span_id) DO UPDATE SET parent_span_id ="
            + " excluded.parent_span_id, name = excluded.name, type = excluded.type, status ="
            + " excluded.status, start_time_unix_nano = excluded.start_time_unix_nano,"
            + " end_time_unix_nano = excluded.end_time_unix_nano, content = excluded.content",
        s.traceId(),
        s.spanId(),
        Long.parseLong(experimentId),
        Jdbc.text(s.parentSpanId()),
        Jdbc.text(s.name()),
        Jdbc.text(s.type()),
        s.status(),
        s.startNanos(),
        Jdbc.bigint(s.endNanos()),
        s.content());
  }

  /** The stored span JSON of each trace: root spans first, then by start time (as MLflow). */
  Map<String, List<String>> contents(Connection c, List<String> traceIds) throws SQLException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < traceIds.size(); i += 500) {
      List<String> chunk = traceIds.subList(i, Math.min(traceIds.size(), i + 500));
      Jdbc.query(
          c,
          "SELECT trace_id, content FROM spans WHERE trace_id IN ("
              + Jdbc.placeholders(chunk.size())
              + ") ORDER BY trace_id, CASE WHEN parent_span_id IS NULL THEN 0 ELSE 1 END,"
              + " start_time_unix_nano, span_id",
          chunk,
          rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            return null;
          });
    }
    return out;
  }
}
