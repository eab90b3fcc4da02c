package io.homelab.observer.tracking.store;

import io.homelab.observer.tracking.store.Database.StatementWork;
import io.homelab.observer.tracking.store.Database.Work;
import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * SQLite's single writer: one thread owns the writer connection and runs every write job of every
 * request. It takes whatever jobs queued while it was busy (up to a limit) and runs them in one
 * transaction, each inside its own savepoint, then commits once. A request is answered only after
 * the commit that holds its writes; a job that fails is rolled back to its savepoint and answered
 * with its own error while its neighbours commit. If the shared commit itself fails (or SQLite
 * rolled back the whole transaction under a job, as it does for I/O errors), every job that had not
 * failed on its own is run again alone, in its own transaction, so one job's trouble never becomes
 * a neighbour's error.
 *
 * <p>Why: with 8-16 concurrent writers the old fair lock handed the connection from thread to
 * thread and committed every request separately; one thread draining a queue commits several
 * requests' pages at once and keeps its compiled statements ({@link #withCached}). Durability per
 * request is unchanged: a request's writes are committed (WAL, synchronous=NORMAL) before it is
 * answered.
 */
final class GroupCommit {

  private static final Object STOP = new Object();

  private final Connection connection;
  private final int limit;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Thread thread;
  private volatile boolean stopping;

  /** One queued unit of work and the caller waiting for its commit. */
  private static final class Job<T> {
    final Work<T> work;
    final CompletableFuture<T> done = new CompletableFuture<>();
    T result;

    Job(Work<T> work) {
      this.work = work;
    }

    void run(Connection c) throws SQLException {
      result = work.apply(c);
    }

    void runInOwnTransaction(Connection c) {
      result = Database.inTransaction(c, work);
    }

    void succeed() {
      done.complete(result);
    }
  }

  GroupCommit(Connection connection, int limit) {
    this.connection = connection;
    this.limit = limit;
    this.thread = new Thread(this::loop, "tracking-sqlite-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether {@code c} is the writer connection (statements on it may be cached). */
  boolean owns(Connection c) {
    return c == connection && Thread.currentThread() == thread;
  }

  /** Queues work and waits until it is committed (or failed); rethrows the work's own error. */
  <T> T submit(Work<T> work) {
    if (Thread.currentThread() == thread) {
      // A write nested in a write: it is already inside the caller's transaction and savepoint.
      try {
        return work.apply(connection);
      } catch (SQLException e) {
        throw new StoreException(e);
      }
    }
    Job<T> job = new Job<>(work);
    synchronized (this) {
      // Under the same lock as stop(): a job is either queued before STOP (and run) or refused,
      // never queued after the writer's last look at the queue (and left waiting forever).
      if (stopping) {
        throw new StoreException(new SQLException("the tracking store is shutting down"));
      }
      queue.add(job);
    }
    try {
      // join() waits without being interruptible: once queued, the job may already be committed,
      // so the caller must learn its outcome rather than give up half-way.
      return job.done.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new StoreException(new SQLException(String.valueOf(cause), cause));
    }
  }

  <T> T withCached(String sql, StatementWork<T> use) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    try {
      return use.apply(ps);
    } finally {
      ps.clearBatch();
      ps.clearParameters();
    }
  }

  /** Stops the writer after the jobs already queued; later submissions fail. */
  void stop() {
    synchronized (this) {
      stopping = true;
      queue.add(STOP);
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        Log.debugf("closing a cached statement failed: %s", e.getMessage());
      }
    }
    statements.clear();
  }

  private void loop() {
    List<Job<?>> group = new ArrayList<>(limit);
    List<Object> drained = new ArrayList<>(limit);
    boolean running = true;
    while (running) {
      try {
        drained.add(queue.take());
        queue.drainTo(drained, limit - 1);
      } catch (InterruptedException e) {
        break;
      }
      for (Object o : drained) {
        if (o == STOP) {
          running = false;
        } else {
          group.add((Job<?>) o);
        }
      }
      drained.clear();
      if (!group.isEmpty()) {
        try {
          commitGroup(group);
        } catch (RuntimeException | Error e) {
          // Never let the writer thread die: whoever is still waiting gets the error.
          for (Job<?> job : group) {
            job.done.completeExceptionally(e);
          }
        }
        group.clear();
      }
    }
    // Stopped: anything that slipped in after STOP is refused, not left waiting.
    Object o;
    while ((o = queue.poll()) != null) {
      if (o instanceof Job<?> job) {
        job.done.completeExceptionally(
            new StoreException(new SQLException("the tracking store is shutting down")));
      }
    }
  }

  private void commitGroup(List<Job<?>> group) {
    if (group.size() == 1) {
      runAlone(group.get(0));
      return;
    }
    List<Job<?>> ok = new ArrayList<>(group.size());
    for (int i = 0; i < group.size(); i++) {
      Job<?> job = group.get(i);
      Savepoint savepoint;
      try {
        savepoint = connection.setSavepoint();
      } catch (SQLException e) {
        retryAlone(group.subList(i, group.size()), ok);
        return;
      }
      try {
        job.run(connection);
        connection.releaseSavepoint(savepoint);
        ok.add(job);
      } catch (SQLException | RuntimeException | Error e) {
        try {
          connection.rollback(savepoint);
          connection.releaseSavepoint(savepoint);
        } catch (SQLException lost) {
          // SQLite rolled back the whole transaction (I/O error, disk full): the neighbours'
          // writes are gone with it, so they are run again alone; this job keeps its own error.
          fail(job, e);
          retryAlone(group.subList(i + 1, group.size()), ok);
          return;
        }
        fail(job, e);
      }
    }
    try {
      connection.commit();
    } catch (SQLException e) {
      Log.warnf("group commit of %d writes failed (%s); retrying each alone", ok.size(), e);
      retryAlone(List.of(), ok);
      return;
    }
    ok.forEach(Job::succeed);
  }

  /** Rolls back what the group did so far and runs {@code done} and then {@code rest} alone. */
  private void retryAlone(List<Job<?>> rest, List<Job<?>> done) {
    Database.rollbackQuietly(connection);
    for (Job<?> job : done) {
      runAlone(job);
    }
    for (Job<?> job : rest) {
      runAlone(job);
    }
  }

  private void runAlone(Job<?> job) {
    try {
      job.runInOwnTransaction(connection);
    } catch (RuntimeException | Error e) {
      fail(job, e);
      return;
    }
    job.succeed();
  }

  private static void fail(Job<?> job, Throwable e) {
    job.done.completeExceptionally(e instanceof SQLException sql ? new StoreException(sql) : e);
  }
}
