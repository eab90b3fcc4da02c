package io.homelab.observer.controller.auth;

import io.homelab.observer.controller.config.ControllerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Counts login attempts per (username, client address) and per client address in a sliding window;
 * past the limit, attempts are refused before the password is even checked (so a locked-out guesser
 * learns nothing and costs no Argon2 time).
 *
 * <p>Atomic: {@link #acquire} checks and counts in one step, as a failure until {@link #succeeded}
 * takes it back, so N parallel wrong passwords count as N and at most the limit ever reach the
 * password check. The per-user counter is keyed by the address too: an attacker guessing at a
 * username locks out only their own address, never the account's owner.
 *
 * <p>In memory on purpose: a restart forgets the counters, which is acceptable for one controller
 * process and keeps a brute force from filling the database. The maps are pruned so a spray of
 * usernames cannot grow them without end.
 */
@ApplicationScoped
public class LoginRateLimiter {

  private static final int MAX_KEYS = 10_000;

  /**
   * Why an attempt was refused; {@code username} is null when the whole address is over its limit.
   */
  public record Refusal(String message, String username, String address) {}

  private final Map<String, Deque<Long>> byUser = new HashMap<>();
  private final Map<String, Deque<Long>> byAddress = new HashMap<>();
  private final ControllerConfig.Auth config;

  public LoginRateLimiter(ControllerConfig config) {
    this.config = config.auth();
  }

  /**
   * Reserves one attempt: null when it may proceed (it now counts as a failure until {@link
   * #succeeded}), else the reason it is refused (and nothing is counted).
   */
  public synchronized Refusal acquire(String username, String address) {
    long now = System.currentTimeMillis();
    String userKey = userKey(username, address);
    if (count(byUser, userKey, now) >= config.maxFailuresPerUser()) {
      return new Refusal(
          "too many failed logins for this user; try again later", username, address);
    }
    String addressKey = address == null ? "" : address;
    if (count(byAddress, addressKey, now) >= config.maxFailuresPerAddress()) {
      return new Refusal(
          "too many failed logins from this address; try again later", null, address);
    }
    add(byUser, userKey, now);
    add(byAddress, addressKey, now);
    return null;
  }

  /**
   * A successful login takes back its reservation and clears the user's counter at this address,
   * but leaves the address's other failures: one good account must not unlock spraying.
   */
  public synchronized void succeeded(String username, String address) {
    byUser.remove(userKey(username, address));
    Deque<Long> q = byAddress.get(address == null ? "" : address);
    if (q != null && !q.isEmpty()) {
      q.removeLast();
    }
  }

  private static String userKey(String username, String address) {
    return (username == null ? "" : username.toLowerCase(Locale.ROOT))
        + "\u0000"
        + (address == null ? "" : address);
  }

  private int count(Map<String, Deque<Long>> map, String key, long now) {
    Deque<Long> q = map.get(key);
    if (q == null) {
      return 0;
    }
    expire(q, now);
    return q.size();
  }

  private void add(Map<String, Deque<Long>> map, String key, long now) {
    if (map.size() >= MAX_KEYS) {
      prune(map, now);
    }
    map.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
  }

  private void expire(Deque<Long> q, long now) {
    long cutoff = now - config.loginWindow().toMillis();
    while (!q.isEmpty() && q.peekFirst() < cutoff) {
      q.removeFirst();
    }
  }

  private void prune(Map<String, Deque<Long>> map, long now) {
    for (Iterator<Map.Entry<String, Deque<Long>>> it = map.entrySet().iterator(); it.hasNext(); ) {
      Deque<Long> q = it.next().getValue();
      expire(q, now);
      if (q.isEmpty()) {
        it.remove();
      }
    }
  }
}
