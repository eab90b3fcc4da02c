package io.homelab.observer.controller.metrics.scrape;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the scraper remembers of one target between scrapes: the series it exposed last time (for
 * stale markers) and the last outcome (for /api/v1/targets).
 */
public final class TargetState {

  final AtomicBoolean inFlight = new AtomicBoolean();
  volatile ScrapeTarget target;
  volatile Set<SortedMap<String, String>> lastSeries = Set.of();
  volatile Map<String, Exposition.Metadata> metadata = Map.of();
  volatile long lastScrapeMillis;
  volatile double lastDurationSeconds;
  volatile String lastError = "";
  volatile String health = "unknown";

  TargetState(ScrapeTarget target) {
    this.target = target;
  }

  /** A consistent copy for the API. */
  public record View(
      ScrapeTarget target,
      String health,
      String lastError,
      long lastScrapeMillis,
      double lastDurationSeconds,
      Map<String, Exposition.Metadata> metadata) {}

  View view() {
    return new View(target, health, lastError, lastScrapeMillis, lastDurationSeconds, metadata);
  }
}
