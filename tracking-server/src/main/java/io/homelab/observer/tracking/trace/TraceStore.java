package io.homelab.observer.tracking.trace;

import io.homelab.observer.common.jdbc.Jdbc;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for trace info, tags, request metadata, run links and deletes of whole traces (their spans
 * and assessments too); callers own the transaction.
 */
@Singleton
public class TraceStore {

  static final String TAGS = "trace_tags";
  static final String METADATA = "trace_request_metadata";
  static final String COLUMNS =
      "request_id, experiment_id, timestamp_ms, execution_time_ms, status, client_request_id,"
          + " request_preview, response_preview";

  /** Ids in one IN list: well under SQLite's bound-parameter cap. */
  private static final int CHUNK = 500;

  Optional<TraceRow> find(Connection c, String traceId) throws SQLException {
    return Jdbc.first(
        c, "SELECT " + COLUMNS + " FROM trace_info WHERE request_id = ?", TraceStore::row, traceId);
  }

  /** The rows of the given ids that exist, in the order asked for. */
  List<TraceRow> findAll(Connection c, List<String> traceIds) throws SQLException {
    Map<String, TraceRow> found = new LinkedHashMap<>();
    for (List<String> chunk : chunks(traceIds)) {
      for (TraceRow r :
          Jdbc.query(
              c,
              "SELECT "
                  + COLUMNS
                  + " FROM trace_info WHERE request_id IN ("
                  + Jdbc.placeholders(chunk.size())
                  + ")",
              chunk,
              TraceStore::row)) {
        found.put(r.traceId(), r);
      }
    }
    List<TraceRow> ordered = new ArrayList<>();
    for (String id : traceIds) {
      TraceRow r = found.remove(id);
      if (r != null) {
        ordered.add(r);
      }
    }
    return ordered;
  }

  /**
   * Inserts a new trace; false when it exists already. A trace's spans (OTLP) and its info
   * (start-trace) are sent concurrently by the client's export workers, so on PostgreSQL two
   * writers can both find no trace: the second waits for the first here and then updates it.
   */
  boolean insertIfAbsent(Connection c, TraceRow r) throws SQLException {
    return Jdbc.update(
            c,
            "INSERT INTO trace_info ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING",
            r.traceId(),
            Long.parseLong(r.experimentId()),
            r.timestampMs(),
            Jdbc.bigint(r.executionTimeMs()),
            r.state(),
            Jdbc.text(r.clientRequestId()),
            Jdbc.text(r.requestPreview()),
            Jdbc.text(r.responsePreview()))
        == 1;
  }

  /** Replaces the top-level fields of an existing trace (start-trace after its spans came). */
  void update(Connection c, TraceRow r) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE trace_info SET timestamp_ms = ?, execution_time_ms = ?, status = ?,"
            + " client_request_id = ?, request_preview = ?, response_preview = ?"
            + " WHERE request_id = ?",
        r.timestampMs(),
        Jdbc.bigint(r.executionTimeMs()),
        r.state(),
        Jdbc.text(r.clientRequestId()),
        Jdbc.text(r.requestPreview()),
        Jdbc.text(r.responsePreview()),
        r.traceId());
  }

  /** Sets a tag ({@link #TAGS}) or request-metadata entry ({@link #METADATA}). */
  void put(Connection c, String table, String traceId, String key, String value)
      throws SQLException {
    Jdbc.upsertKeyValue(c, table, "request_id", List.of(traceId), key, value == null ? "" : value);
  }

  int deleteTag(Connection c, String traceId, String key) throws SQLException {
    return Jdbc.update(c, "DELETE FROM trace_tags WHERE request_id = ? AND key = ?", traceId, key);
  }

  /** The tags ({@link #TAGS}) or metadata ({@link #METADATA}) of each trace. */
  Map<String, Map<String, String>> keyValues(Connection c, String table, List<String> traceIds)
      throws SQLException {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (List<String> chunk : chunks(traceIds)) {
      Jdbc.query(
          c,
          "SELECT request_id, key, value FROM "
              + table
              + " WHERE request_id IN ("
              + Jdbc.placeholders(chunk.size())
              + ") ORDER BY request_id, key",
          chunk,
          rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                .put(rs.getString(2), rs.getString(3));
            return null;
          });
    }
    return out;
  }

  /**
   * Ids of an experiment's traces started at or before {@code maxTimestampMs}, oldest first, at
   * most {@code limit} (null: all).
   */
  List<String> olderThan(Connection c, String experimentId, long maxTimestampMs, Long limit)
      throws SQLException {
    return Jdbc.query(
        c,
        "SELECT request_id FROM trace_info WHERE experiment_id = ? AND timestamp_ms <= ?"
            + " ORDER BY timestamp_ms, request_id"
            + (limit == null ? "" : " LIMIT " + limit.longValue()),
        rs -> rs.getString(1),
        Long.parseLong(experimentId),
        maxTimestampMs);
  }

  /** Deletes traces and everything that belongs to them; the number of traces deleted. */
  int delete(Connection c, List<String> traceIds) throws SQLException {
    int deleted = 0;
    for (List<String> chunk : chunks(traceIds)) {
      String in = " WHERE request_id IN (" + Jdbc.placeholders(chunk.size()) + ")";
      String inTrace = " WHERE trace_id IN (" + Jdbc.placeholders(chunk.size()) + ")";
      Object[] args = chunk.toArray();
      Jdbc.update(c, "DELETE FROM trace_tags" + in, args);
      Jdbc.update(c, "DELETE FROM trace_request_metadata" + in, args);
      Jdbc.update(c, "DELETE FROM spans" + inTrace, args);
      Jdbc.update(c, "DELETE FROM assessments" + inTrace, args);
      Jdbc.update(c, "DELETE FROM trace_run_links" + inTrace, args);
      deleted += Jdbc.update(c, "DELETE FROM trace_info" + in, args);
    }
    return deleted;
  }

  void link(Connection c, String traceId, String runId) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO trace_run_links (trace_id, run_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        traceId,
        runId);
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      out.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
    }
    return out;
  }

  static TraceRow row(ResultSet rs) throws SQLException {
    return new TraceRow(
        rs.getString("request_id"),
        Long.toString(rs.getLong("experiment_id")),
        rs.getLong("timestamp_ms"),
        Jdbc.nullableLong(rs, "execution_time_ms"),
        rs.getString("status"),
        rs.getString("client_request_id"),
        rs.getString("request_preview"),
        rs.getString("response_preview"));
  }
}
