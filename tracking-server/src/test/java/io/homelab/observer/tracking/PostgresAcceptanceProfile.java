package io.homelab.observer.tracking;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * {@link AcceptanceProfile} on the real PostgreSQL of the test environment ({@code
 * HOMELAB_TEST_PG_URL}, {@code _USER}, {@code _PASSWORD}), in a schema created fresh for this run so
 * Flyway migrates from empty and runs never see each other's data.
 */
public class PostgresAcceptanceProfile extends AcceptanceProfile {

  static final String SCHEMA = "trk_" + ProcessHandle.current().pid() + "_" + System.nanoTime();

  @Override
  public Map<String, String> getConfigOverrides() {
    String url = env("HOMELAB_TEST_PG_URL");
    String user = env("HOMELAB_TEST_PG_USER");
    String password = env("HOMELAB_TEST_PG_PASSWORD");
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + SCHEMA);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + url + " is not usable for the tracking tests: " + e.getMessage(), e);
    }
    Map<String, String> config = super.getConfigOverrides();
    config.put("homelab.tracking.database-url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
    config.put("homelab.tracking.database-user", user);
    config.put("homelab.tracking.database-password", password);
    return config;
  }

  @Override
  String dataDir() {
    return DATA_DIR + "-pg";
  }

  /** Drops this run's schema (called once the tests of the profile are done). */
  static void dropSchema() {
    try (Connection c =
            DriverManager.getConnection(
                env("HOMELAB_TEST_PG_URL"), env("HOMELAB_TEST_PG_USER"), env("HOMELAB_TEST_PG_PASSWORD"));
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test schema " + SCHEMA + ": " + e.getMessage(), e);
    }
  }

  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          name + " is not set: source target/test-env/env.sh (scripts/test-env.sh installs PostgreSQL)");
    }
    return value;
  }
}
