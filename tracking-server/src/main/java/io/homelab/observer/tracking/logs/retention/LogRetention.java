package io.homelab.observer.tracking.logs.retention;

import io.homelab.observer.tracking.config.TrackingConfig;
import io.homelab.observer.tracking.logs.store.LogIds;
import io.homelab.observer.tracking.logs.store.LogStore;
import io.homelab.observer.tracking.logs.store.LogStream;
import io.homelab.observer.tracking.logs.store.StreamStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Retention: entries older than their service's retention go, then the oldest entries go while the
 * stored text is over the size cap. Deletes run in chunks, each its own short write transaction, so
 * ingestion is never held up behind one long delete.
 */
@Startup
@Singleton
public class LogRetention {

  /** Entries deleted per transaction. */
  static final int CHUNK = 10_000;

  /** Per-entry overhead counted against the size cap (ids, level, index share). */
  public static final long ENTRY_OVERHEAD = 48;

  /** Batch ids are remembered this long: an agent's resend window is far shorter. */
  static final Duration BATCH_MEMORY = Duration.ofDays(7);

  private final LogStore store;
  private final StreamStore streams;
  private final TrackingConfig.Logs config;
  private ScheduledExecutorService timer;

  public LogRetention(LogStore store, StreamStore streams, TrackingConfig config) {
    this.store = store;
    this.streams = streams;
    this.config = config.logs();
  }

  @PostConstruct
  void start() {
    long every = Math.max(1000, config.retentionInterval().toMillis());
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "logs-retention");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::runQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }

  private void runQuietly() {
    try {
      apply(System.currentTimeMillis());
    } catch (RuntimeException e) {
      Log.warnf(e, "log retention failed; retrying at the next interval");
    }
  }

  /** Applies retention and the size cap as of {@code nowMs}; returns the entries deleted. */
  public long apply(long nowMs) {
    long deleted = 0;
    Map<String, List<Long>> byService = new HashMap<>();
    for (LogStream s : streams.all()) {
      byService.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s.id());
    }
    for (Map.Entry<String, List<Long>> e : byService.entrySet()) {
      Duration keep = config.serviceRetention().getOrDefault(e.getKey(), config.retention());
      long before = LogIds.firstOf(nowMs - keep.toMillis());
      int n;
      do {
        n = store.deleteOldest(e.getValue(), before, CHUNK);
        deleted += n;
      } while (n == CHUNK);
    }
    deleted += applySizeCap();
    store.pruneBatches(nowMs - BATCH_MEMORY.toMillis());
    if (deleted > 0) {
      Log.infof("log retention: deleted %d entries", deleted);
    }
    return deleted;
  }

  private long applySizeCap() {
    long cap = config.maxSize().asLongValue();
    LogStore.Usage usage = store.usage();
    long size = usage.textBytes() + usage.entries() * ENTRY_OVERHEAD;
    if (size <= cap || usage.entries() == 0) {
      return 0;
    }
    // Drop the oldest share that brings the estimate under the cap (average entry size).
    double average = (double) size / usage.entries();
    long excess = (long) Math.ceil((size - cap) / average);
    Long last = store.nthOldestId(Math.min(excess, usage.entries()) - 1);
    if (last == null) {
      return 0;
    }
    long deleted = 0;
    int n;
    do {
      n = store.deleteOldest(null, last + 1, CHUNK);
      deleted += n;
    } while (n == CHUNK);
    return deleted;
  }
}
