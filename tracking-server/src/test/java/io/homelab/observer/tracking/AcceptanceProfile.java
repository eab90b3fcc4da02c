package io.homelab.observer.tracking;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The tracking server as deployed for the client acceptance tests: auth ON with a known first-admin
 * password, SQLite in a fresh data directory (artifacts under it). {@link
 * PostgresAcceptanceProfile} swaps the store for a fresh PostgreSQL schema.
 */
public class AcceptanceProfile implements QuarkusTestProfile {

  /** The first admin's name; its password is generated per test JVM, never a fixed default. */
  public static final String ADMIN = "admin";

  public static final String ADMIN_PASSWORD = "acc-" + UUID.randomUUID();

  static final String DATA_DIR =
      "target/test-data/tracking-acceptance-"
          + ProcessHandle.current().pid()
          + "-"
          + System.nanoTime();

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>();
    config.put("homelab.tracking.auth.enabled", "true");
    config.put("homelab.tracking.auth.admin-username", ADMIN);
    config.put("homelab.tracking.auth.admin-password", ADMIN_PASSWORD);
    config.put("homelab.tracking.data-dir", dataDir());
    return config;
  }

  String dataDir() {
    return DATA_DIR;
  }
}
