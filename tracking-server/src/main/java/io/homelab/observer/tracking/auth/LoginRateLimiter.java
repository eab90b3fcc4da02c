package io.homelab.observer.tracking.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per client address and user name, and per client address alone (password
 * spraying over many names), in a fixed window; a client over either limit is refused with 429
 * until its window passes, even with the right password, so guessing does not continue behind the
 * block.
 *
 * <p>A success does not reset the counters: otherwise an attacker holding one valid account could
 * interleave logins to keep guessing another. Memory is bounded: past {@link #MAX_KEYS} keys the
 * expired windows are dropped, and if that is not enough, all of them (an attacker flooding keys
 * only resets their own counters).
 */
public final class LoginRateLimiter {

  static final int MAX_KEYS = 100_000;

  private final int maxPerUser;
  private final int maxPerAddress;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public LoginRateLimiter(int maxPerUser, int maxPerAddress, Duration window, Clock clock) {
    this.maxPerUser = maxPerUser;
    this.maxPerAddress = maxPerAddress;
    this.window = window;
    this.clock = clock;
  }

  /** How long the client must wait before trying again, or empty when it may try now. */
  public Optional<Duration> blocked(String address, String username) {
    Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    wait = max(wait, over(userKey(address, username), maxPerUser, now));
    wait = max(wait, over(addressKey(address), maxPerAddress, now));
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  /**
   * Takes one login attempt for the client, counted as a failure until {@link #release} says it
   * succeeded; or, when either counter is at its limit, takes nothing and returns how long to wait.
   * Check and count are one atomic step per counter: N parallel wrong passwords count as N, and
   * never more than the limit of password checks start per window.
   */
  public Optional<Duration> acquire(String address, String username) {
    if (windows.size() >= MAX_KEYS) {
      prune();
    }
    Instant now = clock.instant();
    String user = userKey(address, username);
    Duration wait = take(user, maxPerUser, now);
    if (!wait.isZero()) {
      return Optional.of(wait);
    }
    wait = take(addressKey(address), maxPerAddress, now);
    if (!wait.isZero()) {
      give(user);
      return Optional.of(wait);
    }
    return Optional.empty();
  }

  /** Gives back an attempt taken by {@link #acquire}: the password was right (or never checked). */
  public void release(String address, String username) {
    give(userKey(address, username));
    give(addressKey(address));
  }

  private Duration over(String key, int limit, Instant now) {
    Window w = windows.get(key);
    if (w == null || !now.isBefore(w.end) || w.count < limit) {
      return Duration.ZERO;
    }
    return Duration.between(now, w.end);
  }

  private Duration take(String key, int limit, Instant now) {
    Duration[] wait = {Duration.ZERO};
    windows.compute(
        key,
        (k, w) -> {
          if (w == null || !now.isBefore(w.end)) {
            return new Window(now.plus(window), 1);
          }
          if (w.count >= limit) {
            wait[0] = Duration.between(now, w.end);
            return w;
          }
          return new Window(w.end, w.count + 1);
        });
    return wait[0];
  }

  private void give(String key) {
    windows.computeIfPresent(key, (k, w) -> w.count <= 1 ? null : new Window(w.end, w.count - 1));
  }

  private void prune() {
    Instant now = clock.instant();
    windows.values().removeIf(w -> !now.isBefore(w.end));
    if (windows.size() >= MAX_KEYS) {
      windows.clear();
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String userKey(String address, String username) {
    return "u\u0000" + address + "\u0000" + username;
  }

  private static String addressKey(String address) {
    return "a\u0000" + address;
  }

  private record Window(Instant end, int count) {}
}
