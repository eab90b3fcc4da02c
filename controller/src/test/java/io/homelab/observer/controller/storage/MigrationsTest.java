package io.homelab.observer.controller.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same migrations apply to an empty SQLite file and to the real PostgreSQL of the test
 * environment.
 */
class MigrationsTest {

  @Test
  void migrationsApplyOnEmptySqlite(@TempDir Path dir) throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("t.db");
    var flyway =
        Flyway.configure().locations("classpath:db/migration").dataSource(url, null, null).load();
    int pending = flyway.info().pending().length;
    assertThat(pending).isGreaterThanOrEqualTo(4);
    assertThat(flyway.migrate().migrationsExecuted).isEqualTo(pending);
    assertThat(flyway.info().pending()).isEmpty();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from audit_log")) {
      assertThat(rs.next()).isTrue();
    }
  }

  @Test
  void migrationsApplyOnPostgresql() throws Exception {
    String url = env("HOMELAB_TEST_PG_URL");
    String user = env("HOMELAB_TEST_PG_USER");
    String password = env("HOMELAB_TEST_PG_PASSWORD");
    String schema = "controller_migrations_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + schema + " cascade");
      s.execute("create schema " + schema);
    }
    try {
      var flyway =
          Flyway.configure()
              .locations("classpath:db/migration")
              .schemas(schema)
              .dataSource(url, user, password)
              .load();
      int pending = flyway.info().pending().length;
      assertThat(pending).isGreaterThanOrEqualTo(4);
      assertThat(flyway.migrate().migrationsExecuted).isEqualTo(pending);
      assertThat(flyway.info().pending()).isEmpty();
      try (Connection c = DriverManager.getConnection(url, user, password);
          Statement s = c.createStatement()) {
        s.execute("insert into " + schema + ".users values ('u1','alice','h','admin',1,1)");
        s.execute(
            "insert into "
                + schema
                + ".tokens values ('t1','u1','session',null,'hash','admin',1,2,null,null)");
        s.execute("delete from " + schema + ".users where id = 'u1'");
        try (ResultSet rs = s.executeQuery("select count(*) from " + schema + ".tokens")) {
          rs.next();
          assertThat(rs.getInt(1)).as("tokens go with their user").isZero();
        }
      }
    } finally {
      try (Connection c = DriverManager.getConnection(url, user, password);
          Statement s = c.createStatement()) {
        s.execute("drop schema if exists " + schema + " cascade");
      }
    }
  }

  private static String env(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          name
              + " is not set: source target/test-env/env.sh (scripts/test-env.sh"
              + " installs PostgreSQL) before running the tests");
    }
    return v;
  }
}
