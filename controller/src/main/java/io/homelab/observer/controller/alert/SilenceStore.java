package io.homelab.observer.controller.alert;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.controller.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL of table {@code silences}. */
@ApplicationScoped
public class SilenceStore {

  private static final String COLUMNS =
      "SELECT id, matchers, starts_at, ends_at, created_by, comment, created_at FROM silences";

  private final Database db;

  public SilenceStore(Database db) {
    this.db = db;
  }

  /** Every silence, latest start first. */
  public List<SilenceEntity> all() {
    return db.tx(c -> Jdbc.query(c, COLUMNS + " ORDER BY starts_at DESC", SilenceStore::row));
  }

  /** The silences that end after {@code now}. */
  public List<SilenceEntity> endingAfter(long now) {
    return db.tx(c -> Jdbc.query(c, COLUMNS + " WHERE ends_at > ?", SilenceStore::row, now));
  }

  public Optional<SilenceEntity> byId(String id) {
    return db.tx(c -> Jdbc.first(c, COLUMNS + " WHERE id = ?", SilenceStore::row, id));
  }

  public void insert(SilenceEntity e) {
    db.tx(
        c ->
            Jdbc.update(
                c,
                "INSERT INTO silences (id, matchers, starts_at, ends_at, created_by, comment,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                e.id,
                e.matchers,
                e.startsAt,
                e.endsAt,
                Jdbc.text(e.createdBy),
                Jdbc.text(e.comment),
                e.createdAt));
  }

  public void setEnd(String id, long endsAt) {
    db.tx(c -> Jdbc.update(c, "UPDATE silences SET ends_at = ? WHERE id = ?", endsAt, id));
  }

  private static SilenceEntity row(ResultSet rs) throws SQLException {
    SilenceEntity e = new SilenceEntity();
    e.id = rs.getString("id");
    e.matchers = rs.getString("matchers");
    e.startsAt = rs.getLong("starts_at");
    e.endsAt = rs.getLong("ends_at");
    e.createdBy = rs.getString("created_by");
    e.comment = rs.getString("comment");
    e.createdAt = rs.getLong("created_at");
    return e;
  }
}
