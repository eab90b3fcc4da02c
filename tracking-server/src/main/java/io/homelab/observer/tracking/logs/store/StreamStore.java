package io.homelab.observer.tracking.logs.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.store.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code log_streams} table and a cache of it in both directions: ingest turns (host, service,
 * labels) into an id without a query once a stream is known, search turns ids back into streams.
 */
@Singleton
public class StreamStore {

  private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {};

  private final Database db;
  private final ObjectMapper json;
  private final Map<String, LogStream> byKey = new ConcurrentHashMap<>();
  private final Map<Long, LogStream> byId = new ConcurrentHashMap<>();

  public StreamStore(Database db, ObjectMapper json) {
    this.db = db;
    this.json = json;
  }

  /**
   * The canonical key of a stream: host, service and the labels sorted by name, joined with ASCII
   * separators (unit 0x1f between fields, record 0x1e between labels; PostgreSQL text cannot hold
   * NUL; {@code LineRules} keeps both out of host, service and label values, and label names cannot
   * hold them or '='). Built by hand, not as JSON: ingestion computes it for every line.
   */
  public String key(String host, String service, Map<String, String> labels) {
    StringBuilder b = new StringBuilder(64).append(host).append('\u001f').append(service);
    String[] names = labels.keySet().toArray(new String[0]);
    java.util.Arrays.sort(names);
    for (String n : names) {
      b.append('\u001e').append(n).append('=').append(labels.get(n));
    }
    return b.toString();
  }

  /** A known stream by key, from the cache only. */
  public Optional<LogStream> cached(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /**
   * Finds or creates a stream inside the caller's write transaction. The result is not cached here:
   * the caller {@link #remember}s it once the transaction committed, so a rolled-back id is never
   * handed out again.
   */
  public LogStream findOrCreate(
      Connection c, String key, String host, String service, Map<String, String> labels)
      throws SQLException {
    Optional<LogStream> found = byKeyInDb(c, key);
    if (found.isPresent()) {
      return found.get();
    }
    Jdbc.update(
        c,
        "INSERT INTO log_streams (stream_key, host, service, labels) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (stream_key) DO NOTHING",
        key,
        host,
        service,
        labelsJson(labels));
    return byKeyInDb(c, key).orElseThrow(() -> new SQLException("stream not created: " + host));
  }

  /** Caches streams a committed transaction created or found. */
  public void remember(LogStream stream) {
    byKey.put(key(stream.host(), stream.service(), stream.labels()), stream);
    byId.put(stream.id(), stream);
  }

  /** A stream by id (cache, then database). */
  public Optional<LogStream> byId(long id) {
    LogStream s = byId.get(id);
    if (s != null) {
      return Optional.of(s);
    }
    Optional<LogStream> read =
        db.read(
            c ->
                Jdbc.first(
                    c,
                    "SELECT stream_id, host, service, labels FROM log_streams WHERE stream_id = ?",
                    this::map,
                    id));
    read.ifPresent(this::remember);
    return read;
  }

  /** Every stream (label and value lists for Grafana, retention per service). */
  public List<LogStream> all() {
    List<LogStream> all =
        db.read(
            c ->
                Jdbc.query(
                    c, "SELECT stream_id, host, service, labels FROM log_streams", this::map));
    all.forEach(this::remember);
    return all;
  }

  /** Forgets every cached stream (after streams were deleted). */
  public void clearCache() {
    byKey.clear();
    byId.clear();
  }

  private Optional<LogStream> byKeyInDb(Connection c, String key) throws SQLException {
    return Jdbc.first(
        c,
        "SELECT stream_id, host, service, labels FROM log_streams WHERE stream_key = ?",
        this::map,
        key);
  }

  private LogStream map(ResultSet rs) throws SQLException {
    return new LogStream(
        rs.getLong(1), rs.getString(2), rs.getString(3), parseLabels(rs.getString(4)));
  }

  private Map<String, String> parseLabels(String text) throws SQLException {
    try {
      return json.readValue(text, LABELS);
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable labels of a log stream", e);
    }
  }

  private String labelsJson(Map<String, String> labels) {
    try {
      return json.writeValueAsString(new TreeMap<>(labels));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("labels are strings and always serialisable", e);
    }
  }
}
