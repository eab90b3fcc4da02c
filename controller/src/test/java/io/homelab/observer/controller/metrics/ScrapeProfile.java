package io.homelab.observer.controller.metrics;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A 1 s scrape interval (tests compare with a Prometheus scraping at 1 s) and a data dir of its
 * own.
 */
public class ScrapeProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "homelab.controller.scrape-interval", "1s",
        "homelab.controller.scrape.timeout", "900ms",
        "homelab.controller.data-dir", "target/test-data/controller-metrics-" + System.nanoTime());
  }
}
