package io.homelab.observer.tracking.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers, for a while, that a user name + password pair was verified, so the deliberately slow
 * password hash runs once per client and period instead of on every request (MLflow pays "tens of
 * milliseconds" per request for it; reference/mlflow.md section 6).
 *
 * <p>The key is an HMAC of the pair under a random per-process secret: the cache never holds a
 * password nor a value usable for an offline guess.
 *
 * <p>An entry is bound to the stored hash it was verified against (the hash is part of the HMAC
 * input, and callers pass the hash they just read from the database): a changed password, even
 * changed by another process or racing a verification in flight, misses the cache on the very next
 * request, and a deleted user has no hash to match. There is no window in which old credentials
 * still work. Entries of a user are also dropped eagerly when the password changes.
 */
public final class CredentialCache {

  static final int MAX_ENTRIES = 10_000;

  private final Duration ttl;
  private final Clock clock;
  private final byte[] secret = new byte[32];
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public CredentialCache(Duration ttl, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
    new SecureRandom().nextBytes(secret);
  }

  /** Whether this exact pair was verified against {@code storedHash} within the TTL. */
  public boolean isVerified(String username, String password, String storedHash) {
    if (ttl.isZero() || ttl.isNegative()) {
      return false;
    }
    Entry e = entries.get(key(username, password, storedHash));
    return e != null && clock.instant().isBefore(e.expires);
  }

  /** Records a successful verification of the pair against {@code storedHash}. */
  public void remember(String username, String password, String storedHash) {
    if (ttl.isZero() || ttl.isNegative()) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      Instant now = clock.instant();
      entries.values().removeIf(e -> !now.isBefore(e.expires));
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(
        key(username, password, storedHash), new Entry(username, clock.instant().plus(ttl)));
  }

  /** Forgets every verified pair of {@code username} (password changed, user deleted). */
  public void forget(String username) {
    entries.values().removeIf(e -> e.username.equals(username));
  }

  private String key(String username, String password, String storedHash) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(username.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(password.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(storedHash.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private record Entry(String username, Instant expires) {}
}
