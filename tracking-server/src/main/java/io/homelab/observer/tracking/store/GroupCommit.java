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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SQLite's single writer: one connection, used by one thread at a time, runs every write job of
 * every request. Whoever holds the writer lock takes whatever jobs queued while the connection was
 * busy (up to a limit) and runs them in one transaction, each inside its own savepoint, then
 * commits once. A request is answered only after the commit that holds its writes; a job that fails
 * is rolled back to its savepoint and answered with its own error while its neighbours commit. If
 * the shared commit itself fails (or SQLite rolled back the whole transaction under a job, as it
 * does for I/O errors), every job that had not failed on its own is run again alone, in its own
 * transaction, so one job's trouble never becomes a neighbour's error.
 *
 * <p>Who runs the jobs: a caller that finds the writer free runs the queue itself, its own job
 * included, on its own thread (a lone writer, e.g. a training loop's log-batch, pays no hand-off to
 * another thread and no wake-up of it, two context switches that cost milliseconds on a busy
 * machine). A caller that finds the writer busy leaves its job queued and wakes the writer thread,
 * which waits for the lock and then commits everything queued meanwhile as one group.
 *
 * <p>Why: with 8-16 concurrent writers the old fair lock handed the connection from thread to
 * thread and committed every request separately; draining a queue commits several requests' pages
 * at once and keeps the compiled statements ({@link #withCached}). Durability per request is
 * unchanged: a request's writes are committed (WAL, synchronous=NORMAL) before it is answered.
 */
final class GroupCommit {

  private final Connection connection;
  private final int limit;
  private final ConcurrentLinkedQueue<Job<?>> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writerLock = new ReentrantLock();
  private final Semaphore wake = new Semaphore(0);
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final List<Job<?>> group;
  private final Thread thread;
  private volatile boolean stopping;
  private boolean closed; // guarded by writerLock

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
    this.group = new ArrayList<>(limit);
    this.thread = new Thread(this::loop, "tracking-sqlite-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether {@code c} is the writer connection (statements on it may be cached). */
  boolean owns(Connection c) {
    return c == connection && writerLock.isHeldByCurrentThread();
  }

  /** Queues work and waits until it is committed (or failed); rethrows the work's own error. */
  <T> T submit(Work<T> work) {
    if (writerLock.isHeldByCurrentThread()) {
      // A write nested in a write: it is already inside the caller's transaction and savepoint.
      try {
        return work.apply(connection);
      } catch (SQLException e) {
        throw new StoreException(e);
      }
    }
    Job<T> job = new Job<>(work);
    synchronized (this) {
      // Under the same lock as stop(): a job is either queued before the writer's last look at the
      // queue (and run) or refused, never left waiting forever.
      if (stopping) {
        throw new StoreException(new SQLException("the tracking store is shutting down"));
      }
      queue.add(job);
    }
    if (writerLock.tryLock()) {
      try {
        // The writer was free: run the queue here until this job is answered.
        while (!job.done.isDone() && !closed && commitQueued()) {
          // each pass commits one group
        }
      } finally {
        writerLock.unlock();
      }
      if (!queue.isEmpty()) {
        wake.release(); // jobs that queued while this thread held the writer
      }
    } else {
      wake.release();
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
    }
    wake.release();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writerLock.lock(); // a caller still committing on its own thread finishes first
    try {
      closed = true;
      // Anything left (the writer thread timed out) is refused, not left waiting.
      Job<?> job;
      while ((job = queue.poll()) != null) {
        job.done.completeExceptionally(
            new StoreException(new SQLException("the tracking store is shutting down")));
      }
      for (PreparedStatement ps : statements.values()) {
        try {
          ps.close();
        } catch (SQLException e) {
          Log.debugf("closing a cached statement failed: %s", e.getMessage());
        }
      }
      statements.clear();
    } finally {
      writerLock.unlock();
    }
  }

  /** The writer thread: woken by callers that found the writer busy, commits what they queued. */
  private void loop() {
    while (true) {
      try {
        wake.acquire();
      } catch (InterruptedException e) {
        return;
      }
      wake.drainPermits();
      // Read before draining: every job queued before stop() is then in the queue this pass sees.
      boolean last = stopping;
      writerLock.lock();
      try {
        while (commitQueued()) {
          // until the queue is empty
        }
      } finally {
        writerLock.unlock();
      }
      if (last) {
        return;
      }
    }
  }

  /**
   * Takes up to {@code limit} queued jobs and commits them as one group; false when none was
   * queued. Only with the writer lock held.
   */
  private boolean commitQueued() {
    Job<?> job;
    while (group.size() < limit && (job = queue.poll()) != null) {
      group.add(job);
    }
    if (group.isEmpty()) {
      return false;
    }
    try {
      commitGroup(group);
    } catch (RuntimeException | Error e) {
      // Never leave a caller without an answer: whoever is still waiting gets the error.
      for (Job<?> j : group) {
        j.done.completeExceptionally(e);
      }
    } finally {
      group.clear();
    }
    return true;
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
