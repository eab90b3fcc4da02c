package io.homelab.observer.common.signing;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nonces seen within the acceptance window; a nonce is remembered until its request's timestamp has
 * left the window, and no longer (SPEC.md "Agent API").
 *
 * <p>Bounded: when {@code capacity} live nonces are held, new ones are refused rather than evicting
 * live ones, because evicting would reopen a replay window. At the SPEC's ±60 s this allows about
 * {@code capacity / 120} requests per second, far above what one controller sends.
 */
public final class NonceCache {

  private final int capacity;
  private final Map<String, Long> expiries = new ConcurrentHashMap<>();

  public NonceCache(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Records {@code nonce} until {@code expiresAtEpochSecond}.
   *
   * @return false when the nonce is already held (a replay) or the cache is full
   */
  public boolean remember(String nonce, long expiresAtEpochSecond, long nowEpochSecond) {
    if (expiries.size() >= capacity) {
      purge(nowEpochSecond);
      if (expiries.size() >= capacity) {
        return false;
      }
    }
    Long previous = expiries.putIfAbsent(nonce, expiresAtEpochSecond);
    if (previous == null) {
      return true;
    }
    if (previous < nowEpochSecond) {
      // The earlier use has left the window; its timestamp check would reject a replay anyway.
      return expiries.replace(nonce, previous, expiresAtEpochSecond);
    }
    return false;
  }

  /** Drops every nonce whose window has ended. */
  public void purge(long nowEpochSecond) {
    for (Iterator<Map.Entry<String, Long>> it = expiries.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue() < nowEpochSecond) {
        it.remove();
      }
    }
  }

  /** Live nonces held; for tests and metrics. */
  public int size() {
    return expiries.size();
  }
}
