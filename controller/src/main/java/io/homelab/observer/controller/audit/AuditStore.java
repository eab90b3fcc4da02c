package io.homelab.observer.controller.audit;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.controller.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The SQL of table {@code audit_log}: appends and filtered newest-first pages. */
@ApplicationScoped
public class AuditStore {

  /** Filters of a page; a null field does not filter. Times are epoch milliseconds. */
  public record Filter(
      String username,
      String environmentId,
      String action,
      Long since,
      Long until,
      Long beforeTime,
      String beforeId) {}

  private static final String COLUMNS =
      "SELECT id, occurred_at, username, address, action, environment_id, target, result, message"
          + " FROM audit_log";

  private final Database db;

  public AuditStore(Database db) {
    this.db = db;
  }

  public void insert(AuditEntity e) {
    db.tx(
        c ->
            Jdbc.update(
                c,
                "INSERT INTO audit_log (id, occurred_at, username, address, action, environment_id,"
                    + " target, result, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.id,
                e.occurredAt,
                Jdbc.text(e.username),
                Jdbc.text(e.address),
                e.action,
                Jdbc.text(e.environmentId),
                Jdbc.text(e.target),
                e.result,
                Jdbc.text(e.message)));
  }

  /**
   * Up to {@code limit} entries matching {@code f}, newest first by (time, id): the keyset the page
   * token carries, so entries appended while a client pages never shift or repeat items.
   */
  public List<AuditEntity> page(Filter f, int limit) {
    StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (f.username() != null) {
      sql.append(" AND username = ?");
      args.add(f.username());
    }
    if (f.environmentId() != null) {
      sql.append(" AND environment_id = ?");
      args.add(f.environmentId());
    }
    if (f.action() != null) {
      sql.append(" AND action = ?");
      args.add(f.action());
    }
    if (f.since() != null) {
      sql.append(" AND occurred_at >= ?");
      args.add(f.since());
    }
    if (f.until() != null) {
      sql.append(" AND occurred_at < ?");
      args.add(f.until());
    }
    if (f.beforeTime() != null) {
      sql.append(" AND (occurred_at < ? OR (occurred_at = ? AND id < ?))");
      args.add(f.beforeTime());
      args.add(f.beforeTime());
      args.add(f.beforeId());
    }
    sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
    args.add(limit);
    return db.tx(c -> Jdbc.query(c, sql.toString(), AuditStore::row, args.toArray()));
  }

  private static AuditEntity row(ResultSet rs) throws SQLException {
    AuditEntity e = new AuditEntity();
    e.id = rs.getString("id");
    e.occurredAt = rs.getLong("occurred_at");
    e.username = rs.getString("username");
    e.address = rs.getString("address");
    e.action = rs.getString("action");
    e.environmentId = rs.getString("environment_id");
    e.target = rs.getString("target");
    e.result = rs.getString("result");
    e.message = rs.getString("message");
    return e;
  }
}
