package io.homelab.observer.controller.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;

/**
 * A bearer token (table {@code tokens}, V002): a login session or a named API token. Only its
 * SHA-256 is kept.
 */
@Entity
@Table(name = "tokens")
public class TokenEntity extends PanacheEntityBase {

  public static final String SESSION = "session";
  public static final String API = "api";

  @Id public String id;

  @Column(name = "user_id", nullable = false)
  public String userId;

  /** {@link #SESSION} or {@link #API}. */
  @Column(nullable = false)
  public String kind;

  public String name;

  @Column(name = "token_hash", nullable = false, unique = true)
  public String tokenHash;

  /** Role the token grants; never above its user's current role (checked on every use). */
  @Column(nullable = false)
  public String role;

  @Column(name = "created_at", nullable = false)
  public long createdAt;

  @Column(name = "expires_at", nullable = false)
  public long expiresAt;

  @Column(name = "revoked_at")
  public Long revokedAt;

  @Column(name = "last_used_at")
  public Long lastUsedAt;

  public static Optional<TokenEntity> byHash(String hash) {
    return find("tokenHash", hash).firstResultOptional();
  }
}
