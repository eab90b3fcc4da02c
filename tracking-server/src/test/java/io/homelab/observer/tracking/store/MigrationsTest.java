package io.homelab.observer.tracking.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every migration (tracking and auth) applies on an empty SQLite file and an empty PostgreSQL
 * schema.
 */
class MigrationsTest {

  @Test
  void migrationsApplyOnEmptySqlite(@TempDir Path dir) {
    var flyway =
        Flyway.configure()
            .locations("classpath:db/migration", "classpath:db/migration-sqlite")
            .dataSource("jdbc:sqlite:" + dir.resolve("t.db"), null, null)
            .load();
    assertThat(flyway.migrate().migrationsExecuted).isPositive();
    assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
  }

  @Test
  void migrationsApplyOnEmptyPostgresSchema() throws Exception {
    String url = System.getenv("HOMELAB_TEST_PG_URL");
    String user = System.getenv("HOMELAB_TEST_PG_USER");
    String password = System.getenv("HOMELAB_TEST_PG_PASSWORD");
    assertThat(url).as("HOMELAB_TEST_PG_URL (source target/test-env/env.sh)").isNotBlank();
    String schema = "trk_mig_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    try (Connection c = new org.postgresql.Driver().connect(url, props);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      try {
        var flyway =
            Flyway.configure()
                .locations("classpath:db/migration", "classpath:db/migration-postgresql")
                .schemas(schema)
                .dataSource(url, user, password)
                .load();
        assertThat(flyway.migrate().migrationsExecuted).isPositive();
      } finally {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
