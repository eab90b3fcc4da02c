package io.homelab.observer.controller.auth;

import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.controller.audit.AuditService;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Logins refused by the {@link LoginRateLimiter}, audited in bulk: the first refusal of a (user,
 * address) is written at once, the ones after it are only counted and written as one row per
 * minute. A flood of refused attempts (the very thing the limiter stops) therefore costs a counter
 * increment each, never a database write each.
 */
@ApplicationScoped
public class RefusedLogins {

  private static final long FLUSH_SECONDS = 60;

  private record Key(String username, String address) {}

  private final AuditService audit;
  private final Map<Key, AtomicInteger> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("refused-logins-audit"));

  public RefusedLogins(AuditService audit) {
    this.audit = audit;
    flusher.scheduleWithFixedDelay(this::flush, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
  }

  /** Keys held between flushes; past it, refusals share one row per flush. */
  private static final int MAX_KEYS = 10_000;

  private static final Key OVERFLOW = new Key("*", "*");

  /**
   * Notes one refused attempt; only the first of a period per (user, address), or per address when
   * the whole address is refused, becomes an audit row right away.
   */
  public void refused(LoginRateLimiter.Refusal refusal) {
    String username = refusal.username() == null ? "*" : refusal.username();
    String address = refusal.address();
    String reason = refusal.message();
    Key key = new Key(username, address);
    if (pending.size() >= MAX_KEYS && !pending.containsKey(key)) {
      key = OVERFLOW;
    }
    AtomicInteger[] created = new AtomicInteger[1];
    AtomicInteger counter =
        pending.computeIfAbsent(
            key,
            k -> {
              created[0] = new AtomicInteger();
              return created[0];
            });
    if (counter == created[0]) {
      audit.recordAs(
          username,
          address,
          "login",
          username,
          AuditService.DENIED,
          reason + " (further refusals are counted and audited once a minute)");
    } else {
      counter.incrementAndGet();
    }
  }

  /** Writes one row per (user, address) with the refusals counted since the last flush. */
  void flush() {
    for (Key key : pending.keySet()) {
      AtomicInteger counter = pending.remove(key);
      int n = counter == null ? 0 : counter.get();
      if (n > 0) {
        try {
          audit.recordAs(
              key.username(),
              key.address(),
              "login",
              key.username(),
              AuditService.DENIED,
              n + " more login attempts refused by the rate limiter");
        } catch (RuntimeException e) {
          io.quarkus.logging.Log.warnf("cannot audit refused logins: %s", e.getMessage());
        }
      }
    }
  }

  void stop(@Observes ShutdownEvent event) {
    flusher.shutdownNow();
    flush();
  }
}
