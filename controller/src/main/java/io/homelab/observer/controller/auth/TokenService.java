package io.homelab.observer.controller.auth;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.controller.security.CredentialsChanged;
import io.homelab.observer.controller.security.Principal;
import io.homelab.observer.controller.security.Role;
import io.homelab.observer.controller.security.TokenResolver;
import io.homelab.observer.controller.user.UserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
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

  @Transactional
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
    t.persist();
    return new Issued(secret, t);
  }

  /**
   * The caller behind {@code secret}, or empty when the token is unknown, expired or revoked, or
   * its user is gone. The granted role is the lower of the token's and the user's current role, so
   * demoting a user takes effect at once for every token they hold.
   */
  @Override
  @Transactional
  public Optional<Principal> resolve(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
      return Optional.empty();
    }
    Optional<TokenEntity> found = TokenEntity.byHash(sha256(secret));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TokenEntity t = found.get();
    long now = System.currentTimeMillis();
    if (t.revokedAt != null || t.expiresAt <= now) {
      return Optional.empty();
    }
    UserEntity user = UserEntity.findById(t.userId);
    if (user == null) {
      return Optional.empty();
    }
    Role tokenRole = Role.parse(t.role);
    Role userRole = Role.parse(user.role);
    Role effective = userRole.includes(tokenRole) ? tokenRole : userRole;
    if (t.lastUsedAt == null || now - t.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      t.lastUsedAt = now;
    }
    return Optional.of(new Principal(user.id, user.username, effective, t.id, t.kind));
  }

  /** Revokes one token; a non-admin may revoke only their own. */
  @Transactional
  public TokenEntity revoke(String tokenId, Principal caller) {
    TokenEntity t = TokenEntity.findById(tokenId);
    if (t == null || (!caller.role().includes(Role.ADMIN) && !t.userId.equals(caller.userId()))) {
      throw ApiException.notFound("no token " + tokenId);
    }
    if (t.revokedAt == null) {
      t.revokedAt = System.currentTimeMillis();
    }
    return t;
  }

  /** Revokes every token of a user whose credentials changed, in the change's transaction. */
  @Transactional
  void onCredentialsChanged(@Observes CredentialsChanged change) {
    revokeAllOf(change.userId(), change.keepTokenId());
  }

  /** Revokes every token of a user (password change, role change by an admin, deletion). */
  @Transactional
  public int revokeAllOf(String userId, String exceptTokenId) {
    return TokenEntity.update(
        "revokedAt = ?1 where userId = ?2 and revokedAt is null and id <> ?3",
        System.currentTimeMillis(),
        userId,
        exceptTokenId == null ? "" : exceptTokenId);
  }

  /** Tokens of one user, or of everybody for an admin asking for all; never the secrets. */
  @Transactional
  public List<TokenEntity> list(Principal caller, boolean all) {
    if (all && caller.role().includes(Role.ADMIN)) {
      return TokenEntity.list("order by createdAt desc");
    }
    return TokenEntity.list("userId = ?1 order by createdAt desc", caller.userId());
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
