package io.homelab.observer.dashboard.signin;

import io.homelab.observer.dashboard.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in memory: a restart signs everyone out, which is acceptable for a homelab UI and keeps
 * controller tokens off the disk. A session ends at the controller token's expiry or after the idle
 * timeout, whichever comes first.
 */
@ApplicationScoped
public class SessionStore {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
  private final DashboardConfig config;

  private record Entry(Session session, Instant lastUsed) {}

  public SessionStore(DashboardConfig config) {
    this.config = config;
  }

  /** 256 random bits, URL-safe: session ids and CSRF tokens. */
  public static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public Session create(String username, Role role, String controllerToken, Instant expiresAt) {
    purgeExpired();
    Session s =
        new Session(randomToken(), randomToken(), username, role, controllerToken, expiresAt);
    sessions.put(s.id(), new Entry(s, Instant.now()));
    return s;
  }

  /** The live session with this id, touching its idle clock. */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Entry e = sessions.get(id);
    if (e == null) {
      return Optional.empty();
    }
    Instant now = Instant.now();
    if (expired(e, now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    sessions.put(id, new Entry(e.session(), now));
    return Optional.of(e.session());
  }

  public Optional<Session> remove(String id) {
    Entry e = id == null ? null : sessions.remove(id);
    return Optional.ofNullable(e).map(Entry::session);
  }

  private boolean expired(Entry e, Instant now) {
    return now.isAfter(e.session().expiresAt())
        || now.isAfter(e.lastUsed().plus(config.sessionIdleTimeout()));
  }

  private void purgeExpired() {
    Instant now = Instant.now();
    sessions.values().removeIf(e -> expired(e, now));
  }
}
