package io.homelab.observer.agent.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.agent.config.StartupChecks;
import io.homelab.observer.common.runtime.DaemonThreads;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Append-only audit file {@code <data-dir>/audit.log}: one JSON object per line for every
 * state-changing call (who = key fingerprint, what, target, result). The file is only ever opened
 * with {@code APPEND}; rotation is left to the operator's logrotate ({@code copytruncate}).
 *
 * <p>Cheap for the request that is recorded, above all an unsigned one (anyone on the LAN can send
 * those): {@link #append} only clips the entry and offers it to a bounded queue; one writer thread
 * writes and syncs in batches. Unauthenticated requests are coalesced: the first of each second is
 * written as it is, the rest are counted into one {@code unauthenticated.burst} line. When the
 * queue is full an entry is dropped and counted, and the count is written as soon as there is room,
 * so a flood costs memory of a fixed size and leaves a trace.
 */
@Singleton
public class AuditLog {

  /** File name under the data dir. */
  public static final String FILE = "audit.log";

  /** Who an unsigned (or wrongly signed) request is recorded as. */
  public static final String UNAUTHENTICATED = "unauthenticated";

  static final int QUEUE_CAPACITY = 4096;
  static final int MAX_FIELD = 256;

  /**
   * One audit line; {@code repeated} counts the requests a coalesced line stands for (null for a
   * single request). Jackson writes it, so a native image needs its reflection data.
   */
  @RegisterForReflection
  public record Entry(
      Instant time,
      String who,
      String method,
      String path,
      String action,
      String target,
      int status,
      String result,
      Long repeated) {

    public Entry(
        Instant time,
        String who,
        String method,
        String path,
        String action,
        String target,
        int status,
        String result) {
      this(time, who, method, path, action, target, status, result, null);
    }
  }

  private final Path file;
  private final ObjectMapper json;
  private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong unauthenticatedThisSecond = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final Thread writer;
  private volatile boolean running = true;
  private volatile Entry lastUnauthenticated;
  private FileChannel channel;

  public AuditLog(StartupChecks startup, ObjectMapper json) {
    this.file = startup.dataDir().resolve(FILE);
    this.json = json;
    this.writer = DaemonThreads.thread(this::writeLoop, "audit-writer");
    writer.start();
  }

  /** Records one entry without blocking: clipped, queued, written by the writer thread. */
  public void append(Entry entry) {
    Entry e = clip(entry);
    if (UNAUTHENTICATED.equals(e.who())) {
      lastUnauthenticated = e;
      if (unauthenticatedThisSecond.getAndIncrement() > 0) {
        return; // counted; written as one burst line
      }
    }
    offer(e);
  }

  private void offer(Entry e) {
    if (queue.offer(e)) {
      accepted.incrementAndGet();
    } else {
      dropped.incrementAndGet();
    }
  }

  /** Waits until everything appended so far is on disk (tests, shutdown); at most 10 s. */
  public void flush() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    // The current second's burst counter is only written once the second is over.
    long target = accepted.get() + (unauthenticatedThisSecond.get() > 1 ? 1 : 0);
    while (written.get() < target && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The audit file's path. */
  public Path file() {
    return file;
  }

  void stop(@Observes ShutdownEvent event) {
    flush();
    running = false;
    writer.interrupt();
  }

  private void writeLoop() {
    long secondEnds = System.currentTimeMillis() + 1000;
    List<Entry> batch = new ArrayList<>();
    while (running) {
      try {
        Entry first =
            queue.poll(Math.max(1, secondEnds - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, 511);
        }
        if (System.currentTimeMillis() >= secondEnds) {
          secondEnds = System.currentTimeMillis() + 1000;
          long n = unauthenticatedThisSecond.getAndSet(0);
          Entry last = lastUnauthenticated;
          if (n > 1 && last != null) {
            // Counted as accepted here, so flush() waits for it like for any other line.
            accepted.incrementAndGet();
            batch.add(
                new Entry(
                    Instant.now(),
                    UNAUTHENTICATED,
                    last.method(),
                    last.path(),
                    "unauthenticated.burst",
                    null,
                    last.status(),
                    last.result(),
                    n - 1));
          }
          long lost = dropped.getAndSet(0);
          if (lost > 0) {
            accepted.incrementAndGet();
            batch.add(
                new Entry(
                    Instant.now(), "audit", null, null, "audit.dropped", null, 0, "dropped", lost));
          }
        }
        if (!batch.isEmpty()) {
          write(batch);
          written.addAndGet(batch.size());
          batch.clear();
        }
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
      } catch (RuntimeException e) {
        Log.errorf("audit writer: %s", e.getMessage());
      }
    }
  }

  private void write(List<Entry> batch) {
    try {
      if (channel == null || !channel.isOpen()) {
        channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      }
      StringBuilder text = new StringBuilder();
      for (Entry e : batch) {
        text.append(json.writeValueAsString(e)).append('\n');
      }
      ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      // One sync per batch, not per request.
      channel.force(false);
    } catch (JsonProcessingException e) {
      Log.errorf("cannot encode audit entry: %s", e.getMessage());
    } catch (IOException e) {
      Log.errorf("cannot append to audit file %s: %s", file, e.getMessage());
      channel = null;
    }
  }

  /** Every text field bounded: a request chooses its path, and must not choose the line's size. */
  static Entry clip(Entry e) {
    return new Entry(
        e.time(),
        clip(e.who()),
        clip(e.method()),
        clip(e.path()),
        clip(e.action()),
        clip(e.target()),
        e.status(),
        clip(e.result()),
        e.repeated());
  }

  private static String clip(String s) {
    return s == null || s.length() <= MAX_FIELD ? s : s.substring(0, MAX_FIELD) + "...";
  }
}
