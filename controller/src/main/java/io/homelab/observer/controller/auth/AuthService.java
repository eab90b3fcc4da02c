package io.homelab.observer.controller.auth;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.controller.audit.AuditService;
import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.security.Principal;
import io.homelab.observer.controller.security.Role;
import io.homelab.observer.controller.storage.Database;
import io.homelab.observer.controller.user.UserEntity;
import io.homelab.observer.controller.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Login, logout and API tokens, each written to the audit log. */
@ApplicationScoped
public class AuthService {

  private final UserService users;
  private final TokenService tokens;
  private final LoginRateLimiter limiter;
  private final RefusedLogins refused;
  private final AuditService audit;
  private final ControllerConfig.Auth config;
  private final Database db;

  public AuthService(
      UserService users,
      TokenService tokens,
      LoginRateLimiter limiter,
      RefusedLogins refused,
      AuditService audit,
      ControllerConfig config,
      Database db) {
    this.db = db;
    this.users = users;
    this.tokens = tokens;
    this.limiter = limiter;
    this.refused = refused;
    this.audit = audit;
    this.config = config.auth();
  }

  /** Checks the password and issues a session token; every attempt, good or bad, is audited. */
  public AuthViews.LoginResponse login(AuthViews.LoginRequest req, String address) {
    if (req == null || req.username() == null || req.password() == null) {
      throw ApiException.badRequest("body {\"username\",\"password\"} is required");
    }
    String username =
        req.username().length() > 64 ? req.username().substring(0, 64) : req.username();
    LoginRateLimiter.Refusal refusal = limiter.acquire(username, address);
    if (refusal != null) {
      refused.refused(refusal);
      throw ApiException.tooManyRequests(refusal.message());
    }
    Optional<UserEntity> user = users.authenticate(username, req.password());
    if (user.isEmpty()) {
      // The attempt stays counted: acquire() counted it before the password check.
      audit.recordAs(
          username, address, "login", username, AuditService.FAILED, "wrong username or password");
      throw ApiException.unauthenticated("wrong username or password");
    }
    limiter.succeeded(username, address);
    UserEntity u = user.get();
    TokenService.Issued issued =
        tokens.issue(u, TokenEntity.SESSION, "login", Role.parse(u.role), config.sessionTtl());
    audit.recordAs(u.username, address, "login", u.username, AuditService.OK, null);
    return new AuthViews.LoginResponse(
        issued.secret(),
        Instant.ofEpochMilli(issued.entity().expiresAt),
        Role.parse(u.role),
        u.username);
  }

  public void logout(Principal caller) {
    tokens.revoke(caller.tokenId(), caller);
    audit.record("logout", null, caller.username(), AuditService.OK, null);
  }

  public AuthViews.Me me(Principal caller) {
    TokenEntity t = tokens.byId(caller.tokenId()).orElse(null);
    return new AuthViews.Me(
        caller.username(),
        caller.role(),
        caller.tokenKind(),
        t == null ? null : Instant.ofEpochMilli(t.expiresAt));
  }

  /** A named API token with at most the caller's role, for scripts and the dashboard. */
  public AuthViews.CreatedToken createToken(Principal caller, AuthViews.CreateTokenRequest req) {
    if (req == null || req.name() == null || req.name().isBlank() || req.name().length() > 100) {
      throw ApiException.badRequest("\"name\" (1-100 characters) is required");
    }
    Role role = req.role() == null ? caller.role() : Role.parse(req.role());
    if (!caller.role().includes(role)) {
      throw ApiException.forbidden(
          "a token cannot have more rights than you (" + caller.role().wire() + ")");
    }
    long maxDays = config.apiTokenMaxTtl().toDays();
    Duration ttl = config.apiTokenMaxTtl();
    if (req.expiresInDays() != null) {
      if (req.expiresInDays() < 1 || req.expiresInDays() > maxDays) {
        throw ApiException.badRequest("expiresInDays must be between 1 and " + maxDays);
      }
      ttl = Duration.ofDays(req.expiresInDays());
    }
    Duration wanted = ttl;
    // One transaction: the caller's token and account are read where the new token and its audit
    // entry are written, so a concurrent revocation or deletion cannot slip between them.
    TokenService.Issued issued =
        db.inTransaction(
            () -> {
              Duration allowed = withinCallersToken(caller, wanted, req.expiresInDays() != null);
              UserEntity user =
                  users
                      .byId(caller.userId())
                      .orElseThrow(
                          () -> ApiException.unauthenticated("your account no longer exists"));
              TokenService.Issued made =
                  tokens.issue(user, TokenEntity.API, req.name().trim(), role, allowed);
              audit.record(
                  "token.create", null, req.name().trim(), AuditService.OK, "role " + role.wire());
              return made;
            });
    return new AuthViews.CreatedToken(
        issued.entity().id,
        issued.entity().name,
        issued.secret(),
        role,
        Instant.ofEpochMilli(issued.entity().expiresAt));
  }

  /**
   * A token made with an API token may not outlive it, or a leaked short-lived token could mint
   * itself a permanent successor: an asked-for lifetime beyond the caller's token is refused, a
   * default one is cut to the caller's remaining life. Session tokens (a login) may create longer
   * API tokens: that is what they are for.
   */
  private Duration withinCallersToken(Principal caller, Duration ttl, boolean asked) {
    if (!TokenEntity.API.equals(caller.tokenKind()) || caller.tokenId() == null) {
      return ttl;
    }
    TokenEntity own = tokens.byId(caller.tokenId()).orElse(null);
    if (own == null) {
      throw ApiException.unauthenticated("token is unknown, expired or revoked; log in again");
    }
    Duration remaining = Duration.ofMillis(own.expiresAt - System.currentTimeMillis());
    if (ttl.compareTo(remaining) <= 0) {
      return ttl;
    }
    if (asked) {
      throw ApiException.badRequest(
          "a token created with an API token cannot outlive it: yours expires at "
              + Instant.ofEpochMilli(own.expiresAt)
              + "; ask for fewer expiresInDays");
    }
    return remaining;
  }

  public List<AuthViews.TokenView> listTokens(Principal caller, boolean all) {
    return db.inTransaction(() -> tokenViews(caller, all));
  }

  private List<AuthViews.TokenView> tokenViews(Principal caller, boolean all) {
    return tokens.list(caller, all).stream()
        .map(
            t -> {
              UserEntity u = users.byId(t.userId).orElse(null);
              return new AuthViews.TokenView(
                  t.id,
                  u == null ? null : u.username,
                  t.kind,
                  t.name,
                  Role.parse(t.role),
                  Instant.ofEpochMilli(t.createdAt),
                  Instant.ofEpochMilli(t.expiresAt),
                  instant(t.revokedAt),
                  instant(t.lastUsedAt));
            })
        .toList();
  }

  public void revokeToken(Principal caller, String id) {
    TokenEntity t = tokens.revoke(id, caller);
    audit.record(
        "token.revoke",
        null,
        t.name == null ? id : t.name + " (" + id + ")",
        AuditService.OK,
        null);
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
