package io.homelab.observer.controller.auth;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.controller.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL of table {@code tokens}; each method joins the caller's transaction, if any. */
@ApplicationScoped
public class TokenStore {

  private static final String COLUMNS =
      "SELECT id, user_id, kind, name, token_hash, role, created_at, expires_at, revoked_at,"
          + " last_used_at FROM tokens";

  private final Database db;

  public TokenStore(Database db) {
    this.db = db;
  }

  public Optional<TokenEntity> byHash(String hash) {
    return db.tx(c -> Jdbc.first(c, COLUMNS + " WHERE token_hash = ?", TokenStore::row, hash));
  }

  public Optional<TokenEntity> byId(String id) {
    return db.tx(c -> Jdbc.first(c, COLUMNS + " WHERE id = ?", TokenStore::row, id));
  }

  /** Every token, newest first. */
  public List<TokenEntity> all() {
    return db.tx(c -> Jdbc.query(c, COLUMNS + " ORDER BY created_at DESC", TokenStore::row));
  }

  /** The tokens of one user, newest first. */
  public List<TokenEntity> ofUser(String userId) {
    return db.tx(
        c ->
            Jdbc.query(
                c,
                COLUMNS + " WHERE user_id = ? ORDER BY created_at DESC",
                TokenStore::row,
                userId));
  }

  public void insert(TokenEntity t) {
    db.tx(
        c ->
            Jdbc.update(
                c,
                "INSERT INTO tokens (id, user_id, kind, name, token_hash, role, created_at,"
                    + " expires_at, revoked_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.id,
                t.userId,
                t.kind,
                Jdbc.text(t.name),
                t.tokenHash,
                t.role,
                t.createdAt,
                t.expiresAt,
                Jdbc.bigint(t.revokedAt),
                Jdbc.bigint(t.lastUsedAt)));
  }

  public void setLastUsed(String id, long at) {
    db.tx(c -> Jdbc.update(c, "UPDATE tokens SET last_used_at = ? WHERE id = ?", at, id));
  }

  public void setRevoked(String id, long at) {
    db.tx(c -> Jdbc.update(c, "UPDATE tokens SET revoked_at = ? WHERE id = ?", at, id));
  }

  /** Revokes every live token of a user except {@code exceptId}; returns how many. */
  public int revokeAllOf(String userId, String exceptId, long at) {
    return db.tx(
        c ->
            Jdbc.update(
                c,
                "UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"
                    + " AND id <> ?",
                at,
                userId,
                exceptId));
  }

  private static TokenEntity row(ResultSet rs) throws SQLException {
    TokenEntity t = new TokenEntity();
    t.id = rs.getString("id");
    t.userId = rs.getString("user_id");
    t.kind = rs.getString("kind");
    t.name = rs.getString("name");
    t.tokenHash = rs.getString("token_hash");
    t.role = rs.getString("role");
    t.createdAt = rs.getLong("created_at");
    t.expiresAt = rs.getLong("expires_at");
    t.revokedAt = Jdbc.nullableLong(rs, "revoked_at");
    t.lastUsedAt = Jdbc.nullableLong(rs, "last_used_at");
    return t;
  }
}
