package io.homelab.observer.tracking;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * {@link AcceptanceProfile} on the real PostgreSQL of the test environment ({@code
 * HOMELAB_TEST_PG_URL}, {@code _USER}, {@code _PASSWORD}), in a schema created fresh for this run
 * so Flyway migrates from empty and runs never see each other's data.
 */
public class PostgresAcceptanceProfile extends AcceptanceProfile {

  private static final java.util.concurrent.atomic.AtomicBoolean DROP_ON_EXIT =
      new java.util.concurrent.atomic.AtomicBoolean();

  static final String SCHEMA = "trk_" + ProcessHandle.current().pid() + "_" + System.nanoTime();

  @Override
  public Map<String, String> getConfigOverrides() {
    String url = env("HOMELAB_TEST_PG_URL");
    String user = env("HOMELAB_TEST_PG_USER");
    String password = env("HOMELAB_TEST_PG_PASSWORD");
    try (Connection c = connect(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + url + " is not usable for the tracking tests: " + e.getMessage(), e);
    }
    if (DROP_ON_EXIT.compareAndSet(false, true)) {
      // Several test classes share this schema (one app per profile); drop it when the JVM ends.
      Runtime.getRuntime().addShutdownHook(new Thread(PostgresAcceptanceProfile::dropSchema));
    }
    Map<String, String> config = super.getConfigOverrides();
    config.put(
        "homelab.tracking.database-url",
        url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
    config.put("homelab.tracking.database-user", user);
    config.put("homelab.tracking.database-password", password);
    return config;
  }

  @Override
  String dataDir() {
    return DATA_DIR + "-pg";
  }

  /** Drops this run's schema. */
  static void dropSchema() {
    try (Connection c =
            connect(
                env("HOMELAB_TEST_PG_URL"),
                env("HOMELAB_TEST_PG_USER"),
                env("HOMELAB_TEST_PG_PASSWORD"));
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop test schema " + SCHEMA + ": " + e.getMessage());
    }
  }

  /** The driver directly: DriverManager does not see it from a Quarkus test class loader. */
  static Connection connect(String url, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    return new org.postgresql.Driver().connect(url, props);
  }

  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          name
              + " is not set: source target/test-env/env.sh (scripts/test-env.sh installs PostgreSQL)");
    }
    return value;
  }
}
