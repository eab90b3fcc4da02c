package io.homelab.observer.tracking.logs.retention;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Auth off, a fresh data dir, 1 day of retention (2 hours for service "short") and a 50 KB size
 * cap; the timer is slowed down so only the test applies retention.
 */
public class RetentionProfile implements QuarkusTestProfile {

  static final String DATA_DIR =
      "target/test-data/tracking-retention-"
          + ProcessHandle.current().pid()
          + "-"
          + System.nanoTime();

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "homelab.tracking.data-dir", DATA_DIR,
        "homelab.tracking.logs.retention", "1d",
        "homelab.tracking.logs.service-retention.short", "2h",
        "homelab.tracking.logs.max-size", "50K",
        "homelab.tracking.logs.retention-interval", "1h");
  }
}
