package io.homelab.observer.tracking.store;

import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own, a few times a
 * second after writes, instead of in the request that happens to cross the automatic checkpoint's
 * 1,000 pages.
 *
 * <p>Why: a log-batch of 1,000 distinct keys dirties about 1,000 index pages, so with SQLite's
 * automatic checkpoint nearly every such request also checkpointed (copying and syncing the whole
 * log) before it was answered; a JFR profile of one-at-a-time batches had the commit, mostly that
 * checkpoint, as the largest item of the request. A PASSIVE checkpoint never blocks the writer or
 * readers. The writer keeps a larger automatic checkpoint as a backstop ({@link #BACKSTOP_PAGES})
 * in case this thread falls behind. Durability is unchanged: a commit is in the log before it is
 * answered, and the log is synced at least as often as before.
 */
final class WalCheckpointer {

  /** The writer's own automatic checkpoint, only reached if this thread falls far behind. */
  static final int BACKSTOP_PAGES = 20_000;

  private static final long INTERVAL_MILLIS = 200;

  private final Connection connection;
  private final Thread thread;
  private volatile boolean dirty;
  private volatile boolean running = true;

  WalCheckpointer(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(true); // a checkpoint cannot run inside a transaction
    this.thread = new Thread(this::loop, "tracking-sqlite-checkpoint");
    thread.setDaemon(true);
    thread.start();
  }

  /** A write was committed: the next pass checkpoints. */
  void written() {
    dirty = true;
  }

  private void loop() {
    while (running) {
      try {
        TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        break;
      }
      if (dirty) {
        dirty = false;
        checkpoint();
      }
    }
  }

  private void checkpoint() {
    try (Statement st = connection.createStatement()) {
      st.execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (SQLException e) {
      // Harmless: the next pass or the writer's backstop checkpoints.
      Log.debugf("WAL checkpoint failed: %s", e.getMessage());
      dirty = true;
    }
  }

  /** Stops the thread after one last checkpoint. */
  void stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    checkpoint();
  }
}
