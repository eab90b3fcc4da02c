package io.homelab.observer.controller.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.homelab.observer.controller.security.Role;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** Request and response bodies of {@code /api/auth} and {@code /api/tokens}. */
public final class AuthViews {

  private AuthViews() {}

  /** {@code POST /api/auth/login}. */
  @RegisterForReflection
  public record LoginRequest(String username, String password) {}

  /**
   * SPEC.md: {@code {"token","expiresAt","role"}} (plus the username, for the dashboard's header).
   */
  @RegisterForReflection
  public record LoginResponse(String token, Instant expiresAt, Role role, String username) {}

  /** {@code GET /api/auth/me}. */
  @RegisterForReflection
  public record Me(String username, Role role, String tokenKind, Instant expiresAt) {}

  /** {@code POST /api/tokens}: a name, optionally a lower role and a lifetime in days. */
  @RegisterForReflection
  public record CreateTokenRequest(String name, String role, Integer expiresInDays) {}

  /** The new API token, shown once. */
  @RegisterForReflection
  public record CreatedToken(String id, String name, String token, Role role, Instant expiresAt) {}

  /** A token's metadata; never its secret. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TokenView(
      String id,
      String username,
      String kind,
      String name,
      Role role,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      Instant lastUsedAt) {}
}
