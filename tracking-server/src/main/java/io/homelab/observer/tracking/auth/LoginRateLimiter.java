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

  /** Records one failed login. */
  public void recordFailure(String address, String username) {
    if (windows.size() >= MAX_KEYS) {
      prune();
    }
    Instant now = clock.instant();
    bump(userKey(address, username), now);
    bump(addressKey(address), now);
  }

  private Duration over(String key, int limit, Instant now) {
    Window w = windows.get(key);
    if (w == null || !now.isBefore(w.end) || w.count < limit) {
      return Duration.ZERO;
    }
    return Duration.between(now, w.end);
  }

  private void bump(String key, Instant now) {
    windows.compute(
        key,
        (k, w) ->
            w == null || !now.isBefore(w.end)
                ? new Window(now.plus(window), 1)
                : new Window(w.end, w.count + 1));
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
