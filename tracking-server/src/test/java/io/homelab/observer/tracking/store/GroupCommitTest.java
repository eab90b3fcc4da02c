package io.homelab.observer.tracking.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.error.MlflowException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite group commit on a real SQLite file: jobs queued while the writer is busy commit
 * together, a failing job is answered with its own error while its neighbours are stored, and a
 * caller is answered only after its writes are committed (a second connection sees them).
 */
class GroupCommitTest {

  @TempDir Path dir;
  private String url;
  private Connection writer;
  private GroupCommit group;
  private final ExecutorService pool = Executors.newFixedThreadPool(12);

  @BeforeEach
  void open() throws SQLException {
    url = "jdbc:sqlite:" + dir.resolve("g.db");
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    writer = new org.sqlite.JDBC().connect(url, config.toProperties());
    Jdbc.update(writer, "CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
    writer.setAutoCommit(false);
    group = new GroupCommit(writer, 64);
  }

  @AfterEach
  void close() throws SQLException {
    pool.shutdownNow();
    group.stop();
    writer.close();
  }

  /**
   * Counts rows through a connection of its own: one connection shared by threads keeps a single
   * read snapshot while any of its statements is open, so a concurrent read could see an older
   * state than the commit it is checking.
   */
  private long committedRows(String likePattern) throws SQLException {
    try (Connection reader =
        new org.sqlite.JDBC().connect(url, new SQLiteConfig().toProperties())) {
      return Jdbc.first(
              reader, "SELECT COUNT(*) FROM t WHERE k LIKE ?", rs -> rs.getLong(1), likePattern)
          .orElseThrow();
    }
  }

  @Test
  void aFailingJobInAGroupFailsAloneAndItsNeighboursAreStored() throws Exception {
    // A first job holds the writer until the others have queued, so they run as one group.
    CountDownLatch queued = new CountDownLatch(1);
    Future<?> blocker =
        pool.submit(
            () ->
                group.submit(
                    c -> {
                      awaitQuietly(queued);
                      return Jdbc.update(c, "INSERT INTO t VALUES ('blocker', 0)");
                    }));
    List<Future<Integer>> good = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      int n = i;
      good.add(
          pool.submit(
              () ->
                  group.submit(
                      c -> {
                        Jdbc.update(c, "INSERT INTO t VALUES (?, ?)", "good-" + n + "-a", n);
                        return Jdbc.update(c, "INSERT INTO t VALUES (?, ?)", "good-" + n + "-b", n);
                      })));
    }
    // Fails after a write of its own: that write must be rolled back, not committed with the group.
    Future<Object> sqlFailure =
        pool.submit(
            () ->
                group.submit(
                    c -> {
                      Jdbc.update(c, "INSERT INTO t VALUES ('bad-sql-1', 1)");
                      return Jdbc.update(c, "INSERT INTO t VALUES ('blocker', 1)"); // duplicate
                    }));
    Future<Object> refused =
        pool.submit(
            () ->
                group.submit(
                    c -> {
                      Jdbc.update(c, "INSERT INTO t VALUES ('bad-refused', 1)");
                      throw MlflowException.invalid("refused by validation inside the write");
                    }));
    Thread.sleep(300); // let every job reach the queue behind the blocker
    queued.countDown();
    blocker.get(10, TimeUnit.SECONDS);
    for (Future<Integer> f : good) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThatThrownBy(() -> sqlFailure.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(StoreException.class)
        .hasStackTraceContaining("UNIQUE constraint failed");
    assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(MlflowException.class)
        .hasStackTraceContaining("refused by validation inside the write");

    assertThat(committedRows("good-%")).isEqualTo(16);
    assertThat(committedRows("blocker")).isEqualTo(1);
    assertThat(committedRows("bad-%")).isZero();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void anAnsweredWriteIsAlreadyVisibleToOtherConnections() throws Exception {
    List<Future<Long>> seen = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      seen.add(
          pool.submit(
              () -> {
                group.submit(c -> Jdbc.update(c, "INSERT INTO t VALUES (?, ?)", "seen-" + n, n));
                // Answered means committed: another connection reads it at once.
                return committedRows("seen-" + n);
              }));
    }
    for (Future<Long> f : seen) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
  }

  @Test
  void aWriteNestedInAWriteRunsInsideItsTransaction() throws Exception {
    int rows =
        group.submit(
            c -> {
              Jdbc.update(c, "INSERT INTO t VALUES ('outer', 1)");
              return group.submit(inner -> Jdbc.update(inner, "INSERT INTO t VALUES ('inner', 2)"));
            });
    assertThat(rows).isEqualTo(1);
    assertThat(committedRows("outer")).isEqualTo(1);
    assertThat(committedRows("inner")).isEqualTo(1);
  }

  @Test
  void afterStopWritesAreRefusedNotLeftWaiting() {
    group.stop();
    assertThatThrownBy(() -> group.submit(c -> Jdbc.update(c, "INSERT INTO t VALUES ('x', 1)")))
        .isInstanceOf(StoreException.class)
        .hasStackTraceContaining("shutting down");
  }

  @Test
  void aLoneWriteRunsOnTheCallersThreadWithoutAHandOff() {
    Thread caller = Thread.currentThread();
    Thread ranOn =
        group.submit(
            c -> {
              Jdbc.update(c, "INSERT INTO t VALUES ('lone', 1)");
              return Thread.currentThread();
            });
    assertThat(ranOn).isSameAs(caller);
    assertThat(group.owns(writer)).isFalse(); // released once answered
  }

  @Test
  void manyConcurrentWritersAreAllCommittedOnce() throws Exception {
    int threads = 8;
    int each = 200;
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int n = t;
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < each; i++) {
                  int v = i;
                  group.submit(
                      c -> Jdbc.update(c, "INSERT INTO t VALUES (?, ?)", "many-" + n + "-" + v, v));
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertThat(committedRows("many-%")).isEqualTo((long) threads * each);
  }
}
