package io.homelab.observer.tracking.logs.token;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.store.Database;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code log_ingest_tokens} table: names and SHA-256 hashes, never the secrets. */
@Singleton
public class IngestTokenStore {

  private final Database db;

  public IngestTokenStore(Database db) {
    this.db = db;
  }

  /** Stores a token; false when the name is taken. */
  public boolean create(String name, String hash, String createdBy, long now) {
    return db.write(
        c -> {
          try {
            Jdbc.update(
                c,
                "INSERT INTO log_ingest_tokens (name, token_hash, created_by, creation_time)"
                    + " VALUES (?, ?, ?, ?)",
                name,
                hash,
                Jdbc.text(createdBy),
                now);
            return true;
          } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
              // PostgreSQL aborts the transaction on a failed statement: end it cleanly.
              c.rollback();
              return false;
            }
            throw e;
          }
        });
  }

  /** Every token, by name. */
  public List<IngestToken> list() {
    return db.read(
        c ->
            Jdbc.query(
                c,
                "SELECT name, created_by, creation_time FROM log_ingest_tokens ORDER BY name",
                rs -> new IngestToken(rs.getString(1), rs.getString(2), rs.getLong(3), null)));
  }

  /** hash -> name of every token (the filter's cache). */
  public Map<String, String> hashes() {
    return db
        .read(
            c ->
                Jdbc.query(
                    c,
                    "SELECT token_hash, name FROM log_ingest_tokens",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}))
        .stream()
        .collect(Collectors.toMap(r -> r[0], r -> r[1]));
  }

  /** Deletes a token; false when there was none. */
  public boolean delete(String name) {
    return db.write(c -> Jdbc.update(c, "DELETE FROM log_ingest_tokens WHERE name = ?", name)) > 0;
  }
}
