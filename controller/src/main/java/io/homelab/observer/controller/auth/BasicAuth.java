package io.homelab.observer.controller.auth;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.controller.security.BasicResolver;
import io.homelab.observer.controller.security.Principal;
import io.homelab.observer.controller.security.Role;
import io.homelab.observer.controller.user.UserEntity;
import io.homelab.observer.controller.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic auth with a controller account, accepted on the Prometheus-compatible API only ({@code
 * /api/v1/}), because Grafana's Prometheus data source sends it on every request. A successful
 * check is remembered for a minute (keyed by a hash of the credentials, never the password) so that
 * a dashboard's dozens of panel queries do not each cost an Argon2 hash; failures go through the
 * login rate limiter.
 */
@ApplicationScoped
public class BasicAuth implements BasicResolver {

  private static final long REMEMBER_MS = 60_000;

  private final UserService users;
  private final LoginRateLimiter limiter;
  private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

  private record Remembered(Principal principal, long until) {}

  public BasicAuth(UserService users, LoginRateLimiter limiter) {
    this.users = users;
    this.limiter = limiter;
  }

  /**
   * The caller of an {@code Authorization: Basic ...} header; 401 when wrong, 429 when throttled.
   */
  public Principal resolve(String header, String address) {
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.unauthenticated("malformed Basic credentials");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw ApiException.unauthenticated("malformed Basic credentials");
    }
    String username = decoded.substring(0, colon);
    String key = sha256(decoded);
    long now = System.currentTimeMillis();
    Remembered r = recent.get(key);
    if (r != null && r.until() > now) {
      return r.principal();
    }
    LoginRateLimiter.Refusal refusal = limiter.acquire(username, address);
    if (refusal != null) {
      throw ApiException.tooManyRequests(refusal.message());
    }
    Optional<UserEntity> user = users.authenticate(username, decoded.substring(colon + 1));
    if (user.isEmpty()) {
      throw ApiException.unauthenticated("wrong username or password");
    }
    limiter.succeeded(username, address);
    UserEntity u = user.get();
    Principal p = new Principal(u.id, u.username, Role.parse(u.role), null, "basic");
    recent.values().removeIf(x -> x.until() <= now);
    recent.put(key, new Remembered(p, now + REMEMBER_MS));
    return p;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
