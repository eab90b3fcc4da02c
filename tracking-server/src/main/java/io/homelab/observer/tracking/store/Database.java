package io.homelab.observer.tracking.store;

import io.homelab.observer.tracking.config.StartupChecks;
import io.homelab.observer.tracking.config.TrackingConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;

/**
 * The tracking store's connections: SQLite (default) or PostgreSQL, chosen at run time by {@code
 * homelab.tracking.database-url}, migrated by Flyway ({@code db/migration}) at start-up.
 *
 * <p>SQLite allows one writer at a time; MLflow lets every worker write and answers "database is
 * locked" under load (reference/mlflow.md section 6, PR #6490). Here every write goes through
 * {@link #write} which, on SQLite, hands the work to one writer thread on one connection that
 * commits whatever queued meanwhile as one transaction ({@link GroupCommit}; WAL, so readers on
 * their own connections are never blocked). PostgreSQL gets a plain pool and its own row locking.
 *
 * <p>Other features (auth, artifacts) use the same two methods; their tables come from their own
 * migrations in the same Flyway location (V050..V079 belong to auth; V080 and up are tracking's
 * again: traces, later schema changes, GenAI features).
 */
@Startup
@Singleton
public class Database {

  /** Which SQL flavour is behind the URL; stores branch on it only where the two really differ. */
  public enum Dialect {
    SQLITE,
    POSTGRESQL
  }

  /** A unit of JDBC work run inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private static final long BORROW_TIMEOUT_SECONDS = 60;

  /** SQLite page size of a new store, see {@link #connect}. */
  static final int PAGE_SIZE = 16_384;

  /**
   * Most write requests committed together; a bound so one commit never carries an unbounded WAL.
   */
  static final int GROUP_LIMIT = 64;

  private final TrackingConfig config;
  private final StartupChecks startup;
  private Dialect dialect;
  private String url;
  private BlockingDeque<Connection> pool;
  private final List<Connection> all = new ArrayList<>();
  private GroupCommit groupCommit;
  private WalCheckpointer checkpointer;
  private SQLiteConfig.SynchronousMode synchronous = SQLiteConfig.SynchronousMode.NORMAL;

  public Database(TrackingConfig config, StartupChecks startup) {
    this.config = config;
    this.startup = startup;
  }

  @PostConstruct
  void open() {
    url =
        config
            .databaseUrl()
            .filter(u -> !u.isBlank())
            .orElse("jdbc:sqlite:" + startup.dataDir().resolve("mlflow.db"));
    if (url.startsWith("jdbc:sqlite:")) {
      dialect = Dialect.SQLITE;
      synchronous =
          switch (config.sqliteSynchronous().trim().toUpperCase(java.util.Locale.ROOT)) {
            case "NORMAL" -> SQLiteConfig.SynchronousMode.NORMAL;
            case "FULL" -> SQLiteConfig.SynchronousMode.FULL;
            default ->
                throw new ConfigurationException(
                    "homelab.tracking.sqlite-synchronous must be NORMAL or FULL, not "
                        + config.sqliteSynchronous());
          };
    } else if (url.startsWith("jdbc:postgresql:")) {
      dialect = Dialect.POSTGRESQL;
    } else {
      throw new ConfigurationException(
          "homelab.tracking.database-url must start with jdbc:sqlite: or jdbc:postgresql:");
    }
    try {
      // SQLite: switch the file to WAL before Flyway opens it, so migrations and the pool agree.
      if (dialect == Dialect.SQLITE) {
        createSqliteFile();
      }
      migrate();
      int size = Math.max(1, config.databasePoolSize());
      // Last in, first out: a lone client's requests keep landing on the connection whose page
      // cache already holds what they read (first in, first out cycled all of them, so a search
      // over 10,000 runs re-read its pages from the file on every request).
      pool = new LinkedBlockingDeque<>(size);
      for (int i = 0; i < size; i++) {
        Connection c = connect(false);
        all.add(c);
        pool.add(c);
      }
      if (dialect == Dialect.SQLITE) {
        Connection writer = connect(true);
        all.add(writer);
        try (var st = writer.createStatement()) {
          st.execute("PRAGMA wal_autocheckpoint=" + WalCheckpointer.BACKSTOP_PAGES);
        }
        writer.commit();
        groupCommit = new GroupCommit(writer, GROUP_LIMIT);
        Connection checkpoints = connect(false);
        all.add(checkpoints);
        checkpointer = new WalCheckpointer(checkpoints);
      }
    } catch (SQLException | RuntimeException e) {
      close();
      throw new ConfigurationException(
          "cannot open the tracking database ("
              + redact(url)
              + "): "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    Log.infof(
        "tracking store: %s (%s)%s",
        dialect, redact(url), dialect == Dialect.SQLITE ? ", WAL, synchronous=" + synchronous : "");
  }

  private void migrate() {
    var flyway =
        Flyway.configure()
            .dataSource(
                url, config.databaseUser().orElse(null), config.databasePassword().orElse(null))
            // db/migration is portable SQL; the logs' full-text tables differ per database (SQLite
            // FTS5, PostgreSQL tsvector), so each dialect also reads its own folder (V010..V019).
            .locations("classpath:db/migration", "classpath:" + dialectMigrations(dialect))
            // Features own interleaved version ranges (tracking V001..V049 and V080.., auth
            // V050..V079), so a database already at V052 must still accept a new V007: apply
            // lower versions that are missing.
            .outOfOrder(true)
            .load();
    var result = flyway.migrate();
    if (result.migrationsExecuted > 0) {
      Log.infof("tracking store: applied %d migration(s)", result.migrationsExecuted);
    }
  }

  /** The migration folder of one SQL flavour, next to the portable {@code db/migration}. */
  public static String dialectMigrations(Dialect dialect) {
    return dialect == Dialect.SQLITE ? "db/migration-sqlite" : "db/migration-postgresql";
  }

  private Connection connect(boolean sqliteWriter) throws SQLException {
    Connection c;
    if (dialect == Dialect.SQLITE) {
      var sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      // NORMAL (default) is durable across application crashes in WAL mode; only an OS crash or
      // power cut may lose the last commits, the trade-off SQLite itself recommends for WAL. FULL
      // syncs the WAL on every commit (docs/tracking.md "Durability").
      sqlite.setSynchronous(synchronous);
      sqlite.setBusyTimeout(30_000);
      sqlite.setTransactionMode(
          sqliteWriter
              ? SQLiteConfig.TransactionMode.IMMEDIATE
              : SQLiteConfig.TransactionMode.DEFERRED);
      sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
      sqlite.setCacheSize(-16_000);
      // The driver itself, not DriverManager: DriverManager keeps the driver of the first class
      // loader,
      // so a second Quarkus app in one JVM (a @TestProfile restart) found "No suitable driver".
      c = new org.sqlite.JDBC().connect(url, sqlite.toProperties());
    } else {
      var props = new Properties();
      config.databaseUser().ifPresent(u -> props.setProperty("user", u));
      config.databasePassword().ifPresent(p -> props.setProperty("password", p));
      // One round trip for a batch of inserts instead of one per row.
      props.setProperty("reWriteBatchedInserts", "true");
      c = new org.postgresql.Driver().connect(url, props);
    }
    c.setAutoCommit(false);
    return c;
  }

  /**
   * Gives a new SQLite file its page size, then switches it to WAL (the first write fixes the page
   * size, so this must come before anything else touches the file; an existing store keeps its
   * own). A log-batch of 1,000 distinct keys adds one point to each key's stretch of the metrics
   * index, dirtying most of its pages: 16 KiB pages mean a quarter as many pages to copy into the
   * WAL and to look up per commit for the same bytes (docs/benchmarks.md, issue 19).
   */
  private void createSqliteFile() throws SQLException {
    try (Connection c = new org.sqlite.JDBC().connect(url, new Properties());
        var st = c.createStatement()) {
      st.execute("PRAGMA page_size=" + PAGE_SIZE);
      st.execute("PRAGMA journal_mode=WAL");
    }
  }

  /** The SQL flavour in use. */
  public Dialect dialect() {
    return dialect;
  }

  /** Runs read-only work in one transaction (a consistent snapshot on both databases). */
  public <T> T read(Work<T> work) {
    return onPooledConnection(work);
  }

  /**
   * Runs work in one write transaction and returns once it is committed. On SQLite every writer
   * queues here for the single writer thread ({@link GroupCommit}), so SQLite never sees two
   * writers and never answers "database is locked"; PostgreSQL borrows a pooled connection.
   */
  public <T> T write(Work<T> work) {
    if (dialect == Dialect.SQLITE) {
      try {
        return groupCommit.submit(work);
      } finally {
        checkpointer.written();
      }
    }
    return onPooledConnection(work);
  }

  /** One transaction on a connection borrowed from the pool, given back whatever happens. */
  private <T> T onPooledConnection(Work<T> work) {
    Connection c = borrow();
    try {
      return inTransaction(c, work);
    } finally {
      giveBack(c);
    }
  }

  /**
   * Runs {@code use} with a prepared statement for {@code sql} on {@code c}. On the SQLite writer
   * connection the statement is compiled once and kept (hot write paths run the same few statements
   * for every request; compiling them was a tenth of the writer's time); elsewhere it is prepared
   * and closed here. {@code use} must not close the statement and must close any result set.
   */
  public <T> T withStatement(Connection c, String sql, StatementWork<T> use) throws SQLException {
    if (groupCommit != null && groupCommit.owns(c)) {
      return groupCommit.withCached(sql, use);
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      return use.apply(ps);
    }
  }

  /** Work on one prepared statement, see {@link #withStatement}. */
  @FunctionalInterface
  public interface StatementWork<T> {
    T apply(PreparedStatement ps) throws SQLException;
  }

  static <T> T inTransaction(Connection c, Work<T> work) {
    try {
      T result = work.apply(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      rollbackQuietly(c);
      throw new StoreException(e);
    } catch (RuntimeException | Error e) {
      rollbackQuietly(c);
      throw e;
    }
  }

  private Connection borrow() {
    try {
      Connection c = pool.pollFirst(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (c == null) {
        throw new StoreException(new SQLException("no database connection free after 60 s"));
      }
      if (dialect == Dialect.POSTGRESQL && !c.isValid(2)) {
        // The server restarted or dropped us: replace the connection, keep the pool size.
        Connection fresh;
        try {
          fresh = connect(false);
        } catch (SQLException e) {
          pool.offerLast(c); // the dead one keeps its slot and is retried on the next borrow
          throw new StoreException(e);
        }
        synchronized (all) {
          all.remove(c);
          all.add(fresh);
        }
        closeQuietly(c);
        c = fresh;
      }
      return c;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(new SQLException("interrupted while waiting for a connection"));
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  private void giveBack(Connection c) {
    pool.offerFirst(c);
  }

  static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      Log.debugf("rollback failed: %s", e.getMessage());
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      Log.debugf("close failed: %s", e.getMessage());
    }
  }

  /** Closes every connection (shutdown). */
  @PreDestroy
  void close() {
    if (groupCommit != null) {
      groupCommit.stop();
    }
    if (checkpointer != null) {
      checkpointer.stop();
    }
    synchronized (all) {
      all.forEach(Database::closeQuietly);
      all.clear();
    }
  }

  /** A URL without credentials, for logs. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password|user)=[^&;]*", "$1=***").replaceAll("//[^/@]*@", "//***@");
  }
}
