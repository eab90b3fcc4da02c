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

  /**
   * V012 widens the log index's merges: a store indexed before it keeps every entry findable, and
   * the index keeps the new settings in its own config table.
   */
  @Test
  void logIndexKeepsItsEntriesThroughV012OnSqlite(@TempDir Path dir) throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("logs.db");
    Flyway.configure()
        .locations("classpath:db/migration", "classpath:db/migration-sqlite")
        .dataSource(url, null, null)
        .target("011")
        .load()
        .migrate();
    try (Connection c = new org.sqlite.JDBC().connect(url, new Properties());
        Statement s = c.createStatement()) {
      for (int i = 1; i <= 40; i++) { // 40 commits: 40 level-0 segments for the merge to meet
        s.execute("INSERT INTO log_fts (rowid, message) VALUES (" + i + ", 'disk full " + i + "')");
      }
    }
    var after =
        Flyway.configure()
            .locations("classpath:db/migration", "classpath:db/migration-sqlite")
            .dataSource(url, null, null)
            .outOfOrder(true)
            .load();
    assertThat(after.migrate().migrationsExecuted).isPositive();
    try (Connection c = new org.sqlite.JDBC().connect(url, new Properties());
        Statement s = c.createStatement()) {
      for (int i = 41; i <= 80; i++) {
        s.execute("INSERT INTO log_fts (rowid, message) VALUES (" + i + ", 'disk full " + i + "')");
      }
      try (var rs = s.executeQuery("SELECT COUNT(*) FROM log_fts WHERE log_fts MATCH 'disk'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(80);
      }
      try (var rs = s.executeQuery("SELECT rowid FROM log_fts WHERE log_fts MATCH '\"full 7\"'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(7);
      }
      var config = new java.util.HashMap<String, Integer>();
      try (var rs = s.executeQuery("SELECT k, v FROM log_fts_config WHERE k LIKE '%merge'")) {
        while (rs.next()) {
          config.put(rs.getString(1), rs.getInt(2));
        }
      }
      assertThat(config).containsEntry("automerge", 16).containsEntry("crisismerge", 64);
    }
  }

  /**
   * V090 rebuilds latest_metrics (SQLite: clustered on its key): a store created before it keeps
   * every latest value, NaN flag included.
   */
  @Test
  void latestMetricsSurviveV090OnSqlite(@TempDir Path dir) throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("old.db");
    var before =
        Flyway.configure()
            .locations("classpath:db/migration", "classpath:db/migration-sqlite")
            .dataSource(url, null, null)
            .target("080")
            .load();
    before.migrate();
    try (Connection c = new org.sqlite.JDBC().connect(url, new Properties());
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO latest_metrics (run_uuid, key, value, timestamp, step, is_nan) VALUES"
              + " ('r1', 'acc', 0.5, 10, 3, 0), ('r1', 'bad', 0, 11, 4, 1), ('r2', 'acc', 0.7, 12, 5, 0)");
    }
    var after =
        Flyway.configure()
            .locations("classpath:db/migration", "classpath:db/migration-sqlite")
            .dataSource(url, null, null)
            .outOfOrder(true)
            .load();
    assertThat(after.migrate().migrationsExecuted).isPositive();
    try (Connection c = new org.sqlite.JDBC().connect(url, new Properties());
        Statement s = c.createStatement()) {
      var rows = new java.util.ArrayList<String>();
      try (var rs =
          s.executeQuery(
              "SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics"
                  + " ORDER BY run_uuid, key")) {
        while (rs.next()) {
          rows.add(
              rs.getString(1)
                  + " "
                  + rs.getString(2)
                  + " "
                  + rs.getDouble(3)
                  + " "
                  + rs.getLong(4)
                  + " "
                  + rs.getLong(5)
                  + " "
                  + rs.getInt(6));
        }
      }
      assertThat(rows)
          .containsExactly("r1 acc 0.5 10 3 0", "r1 bad 0.0 11 4 1", "r2 acc 0.7 12 5 0");
      try (var rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'latest_metrics'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).contains("WITHOUT ROWID");
      }
      // The upsert of MetricStore still finds the primary key to conflict on.
      s.execute(
          "INSERT INTO latest_metrics (run_uuid, key, value, timestamp, step, is_nan)"
              + " VALUES ('r1', 'acc', 0.9, 20, 6, 0) ON CONFLICT (run_uuid, key) DO UPDATE SET"
              + " value = excluded.value");
      try (var rs =
          s.executeQuery(
              "SELECT value FROM latest_metrics WHERE run_uuid = 'r1' AND key = 'acc'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getDouble(1)).isEqualTo(0.9);
      }
    }
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
