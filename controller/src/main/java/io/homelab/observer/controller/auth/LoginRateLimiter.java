package io.homelab.observer.controller.auth;

import io.homelab.observer.controller.config.ControllerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per username and per client address in a sliding window; past the limit,
 * attempts are refused before the password is even checked (so a locked-out guesser learns nothing
 * and costs no Argon2 time).
 *
 * <p>In memory on purpose: a restart forgets the counters, which is acceptable for one controller
 * process and keeps a brute force from filling the database. The maps are pruned so a spray of
 * usernames cannot grow them without end.
 */
@ApplicationScoped
public class LoginRateLimiter {

  private static final int MAX_KEYS = 10_000;

  private final Map<String, Deque<Long>> byUser = new ConcurrentHashMap<>();
  private final Map<String, Deque<Long>> byAddress = new ConcurrentHashMap<>();
  private final ControllerConfig.Auth config;

  public LoginRateLimiter(ControllerConfig config) {
    this.config = config.auth();
  }

  /** Null when an attempt may proceed, else the reason it is refused. */
  public String refusal(String username, String address) {
    long now = System.currentTimeMillis();
    if (count(byUser, key(username), now) >= config.maxFailuresPerUser()) {
      return "too many failed logins for this user; try again later";
    }
    if (address != null && count(byAddress, address, now) >= config.maxFailuresPerAddress()) {
      return "too many failed logins from this address; try again later";
    }
    return null;
  }

  public void failed(String username, String address) {
    long now = System.currentTimeMillis();
    add(byUser, key(username), now);
    if (address != null) {
      add(byAddress, address, now);
    }
  }

  /**
   * A successful login clears the user's counter, not the address's: one good account must not
   * unlock spraying.
   */
  public void succeeded(String username) {
    byUser.remove(key(username));
  }

  private static String key(String username) {
    return username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
  }

  private int count(Map<String, Deque<Long>> map, String key, long now) {
    Deque<Long> q = map.get(key);
    if (q == null) {
      return 0;
    }
    synchronized (q) {
      expire(q, now);
      return q.size();
    }
  }

  private void add(Map<String, Deque<Long>> map, String key, long now) {
    if (map.size() >= MAX_KEYS) {
      prune(map, now);
    }
    Deque<Long> q = map.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (q) {
      expire(q, now);
      q.addLast(now);
    }
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
      synchronized (q) {
        expire(q, now);
        if (q.isEmpty()) {
          it.remove();
        }
      }
    }
  }
}
