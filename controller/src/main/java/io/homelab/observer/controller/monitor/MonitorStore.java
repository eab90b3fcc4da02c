package io.homelab.observer.controller.monitor;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.controller.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Short database transactions over table {@code monitors}; checks run outside them. */
@ApplicationScoped
public class MonitorStore {

  private static final String COLUMNS =
      "SELECT id, name, type, target, interval_seconds, timeout_seconds, expected_status, keyword,"
          + " enabled, created_at, status, message, last_checked, latency_ms, cert_expires_at,"
          + " checks_total, checks_up FROM monitors";

  private final Database db;

  public MonitorStore(Database db) {
    this.db = db;
  }

  public List<MonitorEntity> all() {
    return db.tx(c -> Jdbc.query(c, COLUMNS + " ORDER BY name", MonitorStore::row));
  }

  public MonitorEntity require(String id) {
    return db.tx(c -> find(c, id)).orElseThrow(() -> ApiException.notFound("no monitor " + id));
  }

  public MonitorEntity insert(MonitorEntity m) {
    return db.tx(
        c -> {
          checkUnique(c, m.name, null);
          Jdbc.update(
              c,
              "INSERT INTO monitors (id, name, type, target, interval_seconds, timeout_seconds,"
                  + " expected_status, keyword, enabled, created_at, status, message,"
                  + " last_checked, latency_ms, cert_expires_at, checks_total, checks_up)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              m.id,
              m.name,
              m.type,
              m.target,
              m.intervalSeconds,
              m.timeoutSeconds,
              Jdbc.integer(m.expectedStatus),
              Jdbc.text(m.keyword),
              m.enabled,
              m.createdAt,
              m.status,
              Jdbc.text(m.message),
              Jdbc.bigint(m.lastChecked),
              Jdbc.bigint(m.latencyMs),
              Jdbc.bigint(m.certExpiresAt),
              m.checksTotal,
              m.checksUp);
          return m;
        });
  }

  /**
   * Applies {@code change} to the stored monitor; {@code newName} (may be null) is checked first.
   */
  public MonitorEntity update(String id, String newName, Consumer<MonitorEntity> change) {
    return db.tx(
        c -> {
          MonitorEntity m =
              find(c, id).orElseThrow(() -> ApiException.notFound("no monitor " + id));
          if (newName != null) {
            checkUnique(c, newName, id);
          }
          change.accept(m);
          save(c, m);
          return m;
        });
  }

  public MonitorEntity delete(String id) {
    return db.tx(
        c -> {
          MonitorEntity m =
              find(c, id).orElseThrow(() -> ApiException.notFound("no monitor " + id));
          Jdbc.update(c, "DELETE FROM monitors WHERE id = ?", id);
          return m;
        });
  }

  /** Records one check; a monitor deleted while it was being checked stays deleted. */
  public MonitorEntity saveResult(String id, CheckResult result, long checkedAt) {
    return db.tx(
        c -> {
          MonitorEntity m = find(c, id).orElse(null);
          if (m == null) {
            return null;
          }
          m.status = result.up() ? "up" : "down";
          m.message = result.message();
          m.lastChecked = checkedAt;
          m.latencyMs = result.latencyMillis();
          if (result.certExpiresAt() != null) {
            m.certExpiresAt = result.certExpiresAt().toEpochMilli();
          }
          m.checksTotal++;
          if (result.up()) {
            m.checksUp++;
          }
          save(c, m);
          return m;
        });
  }

  private static void checkUnique(Connection c, String name, String exceptId) throws SQLException {
    if (Jdbc.count(
            c,
            "SELECT COUNT(*) FROM monitors WHERE name = ? AND id <> ?",
            name,
            exceptId == null ? "" : exceptId)
        > 0) {
      throw ApiException.conflict("a monitor named " + name + " exists already");
    }
  }

  private static Optional<MonitorEntity> find(Connection c, String id) throws SQLException {
    return id == null
        ? Optional.empty()
        : Jdbc.first(c, COLUMNS + " WHERE id = ?", MonitorStore::row, id);
  }

  /** Writes every column but the id and the creation time. */
  private static void save(Connection c, MonitorEntity m) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE monitors SET name = ?, type = ?, target = ?, interval_seconds = ?,"
            + " timeout_seconds = ?, expected_status = ?, keyword = ?, enabled = ?, status = ?,"
            + " message = ?, last_checked = ?, latency_ms = ?, cert_expires_at = ?,"
            + " checks_total = ?, checks_up = ? WHERE id = ?",
        m.name,
        m.type,
        m.target,
        m.intervalSeconds,
        m.timeoutSeconds,
        Jdbc.integer(m.expectedStatus),
        Jdbc.text(m.keyword),
        m.enabled,
        m.status,
        Jdbc.text(m.message),
        Jdbc.bigint(m.lastChecked),
        Jdbc.bigint(m.latencyMs),
        Jdbc.bigint(m.certExpiresAt),
        m.checksTotal,
        m.checksUp,
        m.id);
  }

  private static MonitorEntity row(ResultSet rs) throws SQLException {
    MonitorEntity m = new MonitorEntity();
    m.id = rs.getString("id");
    m.name = rs.getString("name");
    m.type = rs.getString("type");
    m.target = rs.getString("target");
    m.intervalSeconds = rs.getInt("interval_seconds");
    m.timeoutSeconds = rs.getInt("timeout_seconds");
    m.expectedStatus = Jdbc.nullableInt(rs, "expected_status");
    m.keyword = rs.getString("keyword");
    m.enabled = rs.getBoolean("enabled");
    m.createdAt = rs.getLong("created_at");
    m.status = rs.getString("status");
    m.message = rs.getString("message");
    m.lastChecked = Jdbc.nullableLong(rs, "last_checked");
    m.latencyMs = Jdbc.nullableLong(rs, "latency_ms");
    m.certExpiresAt = Jdbc.nullableLong(rs, "cert_expires_at");
    m.checksTotal = rs.getLong("checks_total");
    m.checksUp = rs.getLong("checks_up");
    return m;
  }
}
