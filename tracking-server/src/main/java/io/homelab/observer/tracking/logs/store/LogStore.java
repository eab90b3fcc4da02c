package io.homelab.observer.tracking.logs.store;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.logs.LogEntry;
import io.homelab.observer.tracking.logs.LogLine;
import io.homelab.observer.tracking.logs.query.LogQuery;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.store.Database.Dialect;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SQL of the central logs: batched inserts (one transaction, prepared statements reused by the
 * SQLite writer), newest-first search and per-bucket counts on top of {@link LogQuerySql}.
 */
@Singleton
public class LogStore {

  private static final String INSERT_ENTRY =
      "INSERT INTO log_entries (id, stream_id, level, message) VALUES (?, ?, ?, ?)";
  private static final String INSERT_FTS = "INSERT INTO log_fts (rowid, message) VALUES (?, ?)";
  private static final String INSERT_BATCH =
      "INSERT INTO log_batches (batch_id, received, accepted) VALUES (?, ?, ?)"
          + " ON CONFLICT (batch_id) DO NOTHING";

  private final Database db;
  private final StreamStore streams;
  private final LogIds ids = new LogIds();

  public LogStore(Database db, StreamStore streams) {
    this.db = db;
    this.streams = streams;
  }

  /** What an insert did: the stored entries, or nothing for a batch id seen before. */
  public record Inserted(List<LogEntry> entries, boolean duplicate) {}

  private record Work(List<LogEntry> entries, List<LogStream> streams, boolean duplicate) {}

  /**
   * Stores lines in one transaction; with a batch id, at most once (a repeated id stores nothing
   * and answers {@code duplicate}).
   */
  public Inserted insert(List<LogLine> lines, String batchId) {
    Work done = db.write(c -> insert(c, lines, batchId));
    done.streams().forEach(streams::remember);
    return new Inserted(done.entries(), done.duplicate());
  }

  private Work insert(Connection c, List<LogLine> lines, String batchId) throws SQLException {
    if (batchId != null) {
      int fresh =
          db.withStatement(
              c,
              INSERT_BATCH,
              ps -> {
                ps.setString(1, batchId);
                ps.setLong(2, System.currentTimeMillis());
                ps.setInt(3, lines.size());
                return ps.executeUpdate();
              });
      if (fresh == 0) {
        return new Work(List.of(), List.of(), true);
      }
    }
    Map<String, LogStream> found = new HashMap<>();
    List<LogEntry> entries = new ArrayList<>(lines.size());
    long[] streamIds = new long[lines.size()];
    LogLine previous = null;
    LogStream stream = null;
    for (LogLine line : lines) {
      // A batch is mostly one stream after another: a line of the previous line's stream reuses it
      // without building and hashing its key again.
      if (previous == null || !sameStream(previous, line)) {
        stream = stream(c, line, found);
      }
      previous = line;
      streamIds[entries.size()] = stream.id();
      entries.add(
          new LogEntry(
              ids.next(line.timestamp()),
              line.timestamp(),
              stream.host(),
              stream.service(),
              line.level(),
              line.message(),
              stream.labels()));
    }
    insertRows(c, entries, streamIds);
    return new Work(entries, List.copyOf(found.values()), false);
  }

  private static boolean sameStream(LogLine a, LogLine b) {
    return a.host().equals(b.host())
        && a.service().equals(b.service())
        && a.labels().equals(b.labels());
  }

  private LogStream stream(Connection c, LogLine line, Map<String, LogStream> found)
      throws SQLException {
    String key = streams.key(line.host(), line.service(), line.labels());
    LogStream stream = found.get(key);
    if (stream == null) {
      stream = streams.cached(key).orElse(null);
      if (stream == null) {
        stream = streams.findOrCreate(c, key, line.host(), line.service(), line.labels());
      }
      found.put(key, stream);
    }
    return stream;
  }

  private void insertRows(Connection c, List<LogEntry> entries, long[] streamIds)
      throws SQLException {
    db.withStatement(
        c,
        INSERT_ENTRY,
        ps -> {
          for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            ps.setLong(1, e.id());
            ps.setLong(2, streamIds[i]);
            ps.setString(3, e.level());
            ps.setString(4, e.message());
            ps.addBatch();
          }
          return ps.executeBatch();
        });
    if (db.dialect() == Dialect.SQLITE) {
      db.withStatement(
          c,
          INSERT_FTS,
          ps -> {
            for (LogEntry e : entries) {
              ps.setLong(1, e.id());
              ps.setString(2, e.message());
              ps.addBatch();
            }
            return ps.executeBatch();
          });
    }
  }

  /** Up to {@code limit} matching entries with ids in [minId, maxId], newest first. */
  public List<LogEntry> search(LogQuery query, long minId, long maxId, int limit) {
    SqlPlan plan = LogQuerySql.plan(query, db.dialect());
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT e.id, e.stream_id, e.level, e.message ");
    from(sql, plan, args, minId, maxId);
    sql.append(" ORDER BY ").append(plan.hasMatch() ? "log_fts.rowid" : "e.id").append(" DESC");
    sql.append(" LIMIT ?");
    args.add(limit);
    // Rows first, streams after: resolving a stream may read, and a read inside a read would hold
    // two pooled connections at once.
    List<Row> rows =
        db.read(
            c ->
                Jdbc.query(
                    c,
                    sql.toString(),
                    args,
                    rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))));
    return rows.stream().map(this::entry).toList();
  }

  /**
   * Matching entries counted per time bucket ({@code bucketMs} wide, keyed by the bucket's start)
   * and per level or per service ({@code byService}).
   */
  public Map<Long, Map<String, Long>> counts(
      LogQuery query, long minId, long maxId, long bucketMs, boolean byService) {
    SqlPlan plan = LogQuerySql.plan(query, db.dialect());
    List<Object> args = new ArrayList<>();
    args.add(bucketMs);
    StringBuilder sql =
        new StringBuilder("SELECT (e.id >> 20) / ? AS bucket, ")
            .append(byService ? "e.stream_id" : "e.level")
            .append(", COUNT(*) ");
    from(sql, plan, args, minId, maxId);
    sql.append(" GROUP BY 1, 2");
    List<Object[]> rows =
        db.read(
            c ->
                Jdbc.query(
                    c,
                    sql.toString(),
                    args,
                    rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3)}));
    Map<Long, Map<String, Long>> out = new TreeMap<>();
    for (Object[] r : rows) {
      String group = (String) r[1];
      if (byService) {
        group = streams.byId(Long.parseLong(group)).map(LogStream::service).orElse("unknown");
      }
      out.computeIfAbsent((Long) r[0] * bucketMs, k -> new TreeMap<>())
          .merge(group, (Long) r[2], Long::sum);
    }
    return out;
  }

  private static void from(
      StringBuilder sql, SqlPlan plan, List<Object> args, long minId, long maxId) {
    if (plan.hasMatch()) {
      // CROSS JOIN keeps FTS5 as the outer loop: it walks its index by rowid, newest first.
      sql.append("FROM log_fts CROSS JOIN log_entries e ON e.id = log_fts.rowid")
          .append(" WHERE log_fts MATCH ? AND log_fts.rowid >= ? AND log_fts.rowid <= ?");
      args.add(plan.match());
    } else {
      sql.append("FROM log_entries e WHERE e.id >= ? AND e.id <= ?");
    }
    args.add(minId);
    args.add(maxId);
    sql.append(" AND (").append(plan.where()).append(")");
    args.addAll(plan.args());
  }

  private record Row(long id, long streamId, String level, String message) {}

  private LogEntry entry(Row r) {
    LogStream s =
        streams
            .byId(r.streamId())
            .orElse(new LogStream(r.streamId(), "unknown", "unknown", Map.of()));
    return new LogEntry(
        r.id(),
        LogIds.timestamp(r.id()),
        s.host(),
        s.service(),
        r.level(),
        r.message(),
        s.labels());
  }

  /**
   * Up to {@code limit} entries of the given streams with ids in [minId, maxId], newest first or
   * ({@code forward}) oldest first (the Loki query API).
   */
  public List<LogEntry> ofStreams(
      List<Long> streamIds, long minId, long maxId, int limit, boolean forward) {
    if (streamIds.isEmpty()) {
      return List.of();
    }
    List<Object> args = new ArrayList<>(streamIds);
    args.add(minId);
    args.add(maxId);
    args.add(limit);
    String sql =
        "SELECT e.id, e.stream_id, e.level, e.message FROM log_entries e WHERE e.stream_id IN ("
            + Jdbc.placeholders(streamIds.size())
            + ") AND e.id >= ? AND e.id <= ? ORDER BY e.id "
            + (forward ? "ASC" : "DESC")
            + " LIMIT ?";
    List<Row> rows =
        db.read(
            c ->
                Jdbc.query(
                    c,
                    sql,
                    args,
                    rs -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4))));
    return rows.stream().map(this::entry).toList();
  }

  /**
   * Entries per stream and {@code bucketMs}-wide bucket by SQL; bucket k holds timestamps in (k *
   * bucketMs, (k + 1) * bucketMs], as Loki's ranges end inclusive.
   */
  public Map<Long, Map<Long, Long>> countsByStream(
      List<Long> streamIds, long minId, long maxId, long bucketMs) {
    if (streamIds.isEmpty()) {
      return Map.of();
    }
    List<Object> args = new ArrayList<>();
    args.add(bucketMs);
    args.addAll(streamIds);
    args.add(minId);
    args.add(maxId);
    String sql =
        "SELECT e.stream_id, ((e.id >> 20) - 1) / ? AS bucket, COUNT(*) FROM log_entries e"
            + " WHERE e.stream_id IN ("
            + Jdbc.placeholders(streamIds.size())
            + ") AND e.id >= ? AND e.id <= ? GROUP BY 1, 2";
    Map<Long, Map<Long, Long>> out = new HashMap<>();
    db.read(
        c ->
            Jdbc.query(
                c,
                sql,
                args,
                rs -> {
                  out.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
                      .put(rs.getLong(2), rs.getLong(3));
                  return null;
                }));
    return out;
  }

  /** Entries stored and the size of their text (retention's size cap). */
  public record Usage(long entries, long textBytes) {}

  /** Current usage. */
  public Usage usage() {
    return db.read(
        c ->
            Jdbc.first(
                    c,
                    "SELECT COUNT(*), COALESCE(SUM(LENGTH(message)), 0) FROM log_entries",
                    rs -> new Usage(rs.getLong(1), rs.getLong(2)))
                .orElse(new Usage(0, 0)));
  }

  /**
   * Deletes up to {@code limit} of the oldest entries with an id below {@code beforeId}, of the
   * given streams only (null = any stream); returns how many went.
   */
  public int deleteOldest(List<Long> streamIds, long beforeId, int limit) {
    if (streamIds != null && streamIds.isEmpty()) {
      return 0;
    }
    return db.write(
        c -> {
          List<Object> args = new ArrayList<>();
          String sql = "SELECT id FROM log_entries WHERE id < ?";
          args.add(beforeId);
          if (streamIds != null) {
            sql += " AND stream_id IN (" + Jdbc.placeholders(streamIds.size()) + ")";
            args.addAll(streamIds);
          }
          sql += " ORDER BY id LIMIT ?";
          args.add(limit);
          List<Long> doomed = Jdbc.query(c, sql, args, rs -> rs.getLong(1));
          deleteIds(c, "DELETE FROM log_entries WHERE id = ?", doomed);
          if (db.dialect() == Dialect.SQLITE) {
            deleteIds(c, "DELETE FROM log_fts WHERE rowid = ?", doomed);
          }
          return doomed.size();
        });
  }

  /** The id of the {@code n}-th oldest entry (0-based), if there are that many. */
  public Long nthOldestId(long n) {
    return db.read(
        c ->
            Jdbc.first(
                    c,
                    "SELECT id FROM log_entries ORDER BY id LIMIT 1 OFFSET ?",
                    rs -> rs.getLong(1),
                    n)
                .orElse(null));
  }

  /** Forgets batch ids received before {@code beforeMs} (their resends are long over). */
  public int pruneBatches(long beforeMs) {
    return db.write(c -> Jdbc.update(c, "DELETE FROM log_batches WHERE received < ?", beforeMs));
  }

  private static void deleteIds(Connection c, String sql, List<Long> ids) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Long id : ids) {
        ps.setLong(1, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
