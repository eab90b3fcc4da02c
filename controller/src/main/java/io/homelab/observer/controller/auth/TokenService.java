package io.homelab.observer.controller.auth;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.controller.security.CredentialsChanged;
import io.homelab.observer.controller.security.Principal;
import io.homelab.observer.controller.security.Role;
import io.homelab.observer.controller.security.TokenResolver;
import io.homelab.observer.controller.storage.Database;
import io.homelab.observer.controller.user.UserEntity;
import io.homelab.observer.controller.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues, resolves and revokes bearer tokens.
 *
 * <p>A token is {@code hlo_} + 32 random bytes (base64url); only its SHA-256 is stored, so a copy
 * of the database gives no usable token. A fast hash is enough here because the token has 256 bits
 * of entropy (unlike a password).
 */
@ApplicationScoped
public class TokenService implements TokenResolver {

  static final String PREFIX = "hlo_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Writing last-used on every request would turn reads into writes; once a minute is precise
   * enough.
   */
  private static final long LAST_USED_RESOLUTION_MS = 60_000;

  /** A token as handed out once: the secret and its record. */
  public record Issued(String secret, TokenEntity entity) {}

  private final TokenStore store;
  private final UserService users;
  private final Database db;

  public TokenService(TokenStore store, UserService users, Database db) {
    this.store = store;
    this.users = users;
    this.db = db;
  }

  public Issued issue(UserEntity user, String kind, String name, Role role, Duration ttl) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    TokenEntity t = new TokenEntity();
    t.id = UUID.randomUUID().toString();
    t.userId = user.id;
    t.kind = kind;
    t.name = name;
    t.tokenHash = sha256(secret);
    t.role = role.wire();
    t.createdAt = System.currentTimeMillis();
    t.expiresAt = t.createdAt + ttl.toMillis();
    store.insert(t);
    return new Issued(secret, t);
  }

  /**
   * The caller behind {@code secret}, or empty when the token is unknown, expired or revoked, or
   * its user is gone. The granted role is the lower of the token's and the user's current role, so
   * demoting a user takes effect at once for every token they hold.
   */
  @Override
  public Optional<Principal> resolve(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
      return Optional.empty();
    }
    String hash = sha256(secret);
    return db.inTransaction(() -> resolveHash(hash));
  }

  private Optional<Principal> resolveHash(String hash) {
    Optional<TokenEntity> found = store.byHash(hash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TokenEntity t = found.get();
    long now = System.currentTimeMillis();
    if (t.revokedAt != null || t.expiresAt <= now) {
      return Optional.empty();
    }
    UserEntity user = users.byId(t.userId).orElse(null);
    if (user == null) {
      return Optional.empty();
    }
    Role tokenRole = Role.parse(t.role);
    Role userRole = Role.parse(user.role);
    Role effective = userRole.includes(tokenRole) ? tokenRole : userRole;
    if (t.lastUsedAt == null || now - t.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      t.lastUsedAt = now;
      store.setLastUsed(t.id, now);
    }
    return Optional.of(new Principal(user.id, user.username, effective, t.id, t.kind));
  }

  /** Revokes one token; a non-admin may revoke only their own. */
  public TokenEntity revoke(String tokenId, Principal caller) {
    return db.inTransaction(
        () -> {
          TokenEntity t = tokenId == null ? null : store.byId(tokenId).orElse(null);
          if (t == null
              || (!caller.role().includes(Role.ADMIN) && !t.userId.equals(caller.userId()))) {
            throw ApiException.notFound("no token " + tokenId);
          }
          if (t.revokedAt == null) {
            t.revokedAt = System.currentTimeMillis();
            store.setRevoked(t.id, t.revokedAt);
          }
          return t;
        });
  }

  /** One token's record, if it exists. */
  public Optional<TokenEntity> byId(String tokenId) {
    return tokenId == null ? Optional.empty() : store.byId(tokenId);
  }

  /** Revokes every token of a user whose credentials changed, in the change's transaction. */
  void onCredentialsChanged(@Observes CredentialsChanged change) {
    revokeAllOf(change.userId(), change.keepTokenId());
  }

  /** Revokes every token of a user (password change, role change by an admin, deletion). */
  public int revokeAllOf(String userId, String exceptTokenId) {
    return store.revokeAllOf(
        userId, exceptTokenId == null ? "" : exceptTokenId, System.currentTimeMillis());
  }

  /** Tokens of one user, or of everybody for an admin asking for all; never the secrets. */
  public List<TokenEntity> list(Principal caller, boolean all) {
    if (all && caller.role().includes(Role.ADMIN)) {
      return store.all();
    }
    return store.ofUser(caller.userId());
  }

  static String sha256(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
