package io.homelab.observer.agent.logship;

import io.homelab.observer.common.runtime.DaemonThreads;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Gathers the followers' lines into batches on one thread and writes each to the {@link BatchStore}
 * when it reaches {@code batchSize} lines, about {@code batchBytes}, or {@code flushInterval} after
 * its first line. The queue is bounded: when the disk is slower than the containers, followers wait
 * (Docker keeps the lines in its own log files meanwhile).
 */
final class Batcher implements AutoCloseable {

  /** A line taken from a container, with the cursor it leaves behind. */
  private record Line(String containerId, Cursor cursor, LogEntry entry) {}

  /** A container gone for good: its cursor is forgotten after its last lines. */
  private record Removed(String containerId) {}

  // JSON overhead of one entry besides its message and labels (keys, quotes, host, timestamp).
  private static final int ENTRY_OVERHEAD = 120;

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(10_000);
  private final BatchStore store;
  private final BatchSender sender;
  private final ShipCounters counters;
  private final String agentId;
  private final int batchSize;
  private final long batchBytes;
  private final long flushNanos;
  private final Thread thread;
  private volatile boolean closed;

  Batcher(
      BatchStore store,
      BatchSender sender,
      ShipCounters counters,
      String agentId,
      int batchSize,
      long batchBytes,
      Duration flushInterval) {
    this.store = store;
    this.sender = sender;
    this.counters = counters;
    this.agentId = agentId;
    this.batchSize = Math.max(1, batchSize);
    this.batchBytes = batchBytes;
    this.flushNanos = flushInterval.toNanos();
    this.thread = DaemonThreads.thread(this::run, "logship-batcher");
  }

  void start() {
    thread.start();
  }

  /** Queues a line; blocks while the queue is full. */
  void add(String containerId, Cursor cursor, LogEntry entry) throws InterruptedException {
    queue.put(new Line(containerId, cursor, entry));
  }

  /** Queues the removal of a destroyed container's cursor. */
  void removed(String containerId) throws InterruptedException {
    queue.put(new Removed(containerId));
  }

  /** Writes what is queued and stops. Lines queued after this are read again at the next start. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<LogEntry> entries = new ArrayList<>();
    Map<String, Cursor> moved = new HashMap<>();
    List<String> removed = new ArrayList<>();
    long bytes = 0;
    long deadline = Long.MAX_VALUE;
    while (true) {
      Object item = null;
      boolean stopping = closed;
      if (!stopping) {
        try {
          long wait = deadline == Long.MAX_VALUE ? 1_000_000_000L : deadline - System.nanoTime();
          item = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
        } catch (InterruptedException e) {
          stopping = true;
        }
      }
      if (stopping) {
        // Take what the followers had already handed over, then write it once.
        List<Object> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (Object o : rest) {
          bytes += take(o, entries, moved, removed);
        }
        flush(entries, moved, removed);
        return;
      }
      if (item != null) {
        if (entries.isEmpty() && removed.isEmpty()) {
          deadline = System.nanoTime() + flushNanos;
        }
        bytes += take(item, entries, moved, removed);
      }
      if (entries.size() >= batchSize
          || bytes >= batchBytes
          || (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0)) {
        flush(entries, moved, removed);
        bytes = 0;
        deadline = Long.MAX_VALUE;
      }
    }
  }

  private static long take(
      Object item, List<LogEntry> entries, Map<String, Cursor> moved, List<String> removed) {
    if (item instanceof Line l) {
      entries.add(l.entry());
      moved.put(l.containerId(), l.cursor());
      removed.remove(l.containerId());
      return ENTRY_OVERHEAD + l.entry().message().length() + 40L * l.entry().labels().size();
    }
    String id = ((Removed) item).containerId();
    moved.remove(id);
    removed.add(id);
    return 0;
  }

  private void flush(List<LogEntry> entries, Map<String, Cursor> moved, List<String> removed) {
    if (entries.isEmpty() && moved.isEmpty() && removed.isEmpty()) {
      return;
    }
    while (true) {
      try {
        int dropped = store.append(agentId, entries, moved, removed);
        counters.read.add(entries.size());
        if (dropped > 0) {
          counters.droppedBufferFull.add(dropped);
          Log.warnf(
              "log shipping: buffer full, dropped the oldest %d lines (see"
                  + " homelab_agent_logs_dropped_total)",
              dropped);
        }
        break;
      } catch (IOException e) {
        // Disk full or read-only: keep the batch in memory (followers wait on the queue) and retry.
        Log.errorf("log shipping: cannot write the buffer: %s; retrying in 5 s", e.toString());
        if (closed) {
          return;
        }
        try {
          Thread.sleep(5000);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
    entries.clear();
    moved.clear();
    removed.clear();
    sender.wake();
  }
}
