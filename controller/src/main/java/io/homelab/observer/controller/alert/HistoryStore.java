package io.homelab.observer.controller.alert;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.controller.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Alert state changes: appended by the evaluator, read newest first by the API, pruned by age. */
@ApplicationScoped
public class HistoryStore {

  private static final String COLUMNS =
      "SELECT at, rule_id, alert_name, fingerprint, state, labels, value, silenced"
          + " FROM alert_history";

  private final Database db;

  public HistoryStore(Database db) {
    this.db = db;
  }

  /** Appends every entry in one transaction, as one batch. */
  public void append(List<HistoryEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    db.tx(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO alert_history (id, at, rule_id, alert_name, fingerprint, state,"
                      + " labels, value, silenced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (HistoryEntry h : entries) {
              ps.setString(1, UUID.randomUUID().toString());
              ps.setLong(2, h.time().toEpochMilli());
              ps.setString(3, h.ruleId());
              ps.setString(4, h.alertName());
              ps.setString(5, h.fingerprint());
              ps.setString(6, h.state());
              ps.setString(7, JsonMaps.write(h.labels()));
              if (h.value() == null || h.value().isNaN() || h.value().isInfinite()) {
                ps.setNull(8, Types.DOUBLE);
              } else {
                ps.setDouble(8, h.value());
              }
              ps.setBoolean(9, h.silenced());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** Newest first; {@code alertName} null = all. */
  public List<HistoryEntry> recent(String alertName, Instant since, int limit) {
    long from = since == null ? 0 : since.toEpochMilli();
    return db.tx(
        c ->
            alertName == null
                ? Jdbc.query(
                    c,
                    COLUMNS + " WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?",
                    HistoryStore::row,
                    from,
                    limit)
                : Jdbc.query(
                    c,
                    COLUMNS + " WHERE alert_name = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT ?",
                    HistoryStore::row,
                    alertName,
                    from,
                    limit));
  }

  public long pruneBefore(long epochMillis) {
    return db.tx(c -> Jdbc.update(c, "DELETE FROM alert_history WHERE at < ?", epochMillis));
  }

  private static HistoryEntry row(ResultSet rs) throws SQLException {
    return new HistoryEntry(
        Instant.ofEpochMilli(rs.getLong("at")),
        rs.getString("rule_id"),
        rs.getString("alert_name"),
        rs.getString("fingerprint"),
        rs.getString("state"),
        JsonMaps.readMap(rs.getString("labels")),
        Jdbc.nullableDouble(rs, "value"),
        rs.getBoolean("silenced"));
  }
}
