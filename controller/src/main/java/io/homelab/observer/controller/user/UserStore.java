package io.homelab.observer.controller.user;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.controller.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL of table {@code users}; each method joins the caller's transaction, if any. */
@ApplicationScoped
public class UserStore {

  private static final String COLUMNS =
      "SELECT id, username, password_hash, role, created_at, updated_at FROM users";

  private final Database db;

  public UserStore(Database db) {
    this.db = db;
  }

  public Optional<UserEntity> byUsername(String username) {
    return db.tx(c -> Jdbc.first(c, COLUMNS + " WHERE username = ?", UserStore::row, username));
  }

  public Optional<UserEntity> byId(String id) {
    return db.tx(c -> Jdbc.first(c, COLUMNS + " WHERE id = ?", UserStore::row, id));
  }

  public List<UserEntity> all() {
    return db.tx(c -> Jdbc.query(c, COLUMNS + " ORDER BY username", UserStore::row));
  }

  public long count() {
    return db.tx(c -> Jdbc.count(c, "SELECT COUNT(*) FROM users"));
  }

  public long countWithRole(String role) {
    return db.tx(c -> Jdbc.count(c, "SELECT COUNT(*) FROM users WHERE role = ?", role));
  }

  public void insert(UserEntity u) {
    db.tx(
        c ->
            Jdbc.update(
                c,
                "INSERT INTO users (id, username, password_hash, role, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)",
                u.id,
                u.username,
                u.passwordHash,
                u.role,
                u.createdAt,
                u.updatedAt));
  }

  /** Writes the changeable columns (hash, role, updated-at) of {@code u}. */
  public void save(UserEntity u) {
    db.tx(
        c ->
            Jdbc.update(
                c,
                "UPDATE users SET password_hash = ?, role = ?, updated_at = ? WHERE id = ?",
                u.passwordHash,
                u.role,
                u.updatedAt,
                u.id));
  }

  /** Deletes the account; its tokens go with it (ON DELETE CASCADE, V002). */
  public void delete(String id) {
    db.tx(c -> Jdbc.update(c, "DELETE FROM users WHERE id = ?", id));
  }

  private static UserEntity row(ResultSet rs) throws SQLException {
    UserEntity u = new UserEntity();
    u.id = rs.getString("id");
    u.username = rs.getString("username");
    u.passwordHash = rs.getString("password_hash");
    u.role = rs.getString("role");
    u.createdAt = rs.getLong("created_at");
    u.updatedAt = rs.getLong("updated_at");
    return u;
  }
}
