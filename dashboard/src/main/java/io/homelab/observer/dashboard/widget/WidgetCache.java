package io.homelab.observer.dashboard.widget;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rendered widget bodies kept for their {@code cache} time, as glance does: many open tabs cost one
 * upstream call per interval. Errors are never cached, so a recovered upstream shows at once.
 */
@ApplicationScoped
public class WidgetCache {

  private static final int MAX_ENTRIES = 2000;

  private record Entry(String html, Instant expires) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public Optional<String> get(String key) {
    Entry e = entries.get(key);
    if (e == null || Instant.now().isAfter(e.expires())) {
      return Optional.empty();
    }
    return Optional.of(e.html());
  }

  public void put(String key, String html, java.time.Duration ttl) {
    if (ttl.isZero() || ttl.isNegative()) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      Instant now = Instant.now();
      entries.values().removeIf(e -> now.isAfter(e.expires()));
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(key, new Entry(html, Instant.now().plus(ttl)));
  }
}
