package io.homelab.observer.tracking.logs.mlflow;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes the counted minutes to MLflow every {@code flush-interval}, off the ingest path, and what
 * is left at shutdown.
 */
@Startup
@Singleton
public class LogRunScheduler {

  private final LogActivity activity = new LogActivity();
  private final LogRunWriter writer;
  private final LogRunsConfig config;
  private ScheduledExecutorService timer;

  public LogRunScheduler(LogRunWriter writer, LogRunsConfig config) {
    this.writer = writer;
    this.config = config;
  }

  LogActivity activity() {
    return activity;
  }

  @PostConstruct
  void start() {
    if (!config.enabled()) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "logs-mlflow-view");
              t.setDaemon(true);
              return t;
            });
    long every = config.flushInterval().toMillis();
    timer.scheduleWithFixedDelay(() -> flush(false), every, every, TimeUnit.MILLISECONDS);
  }

  /** Writes the minutes that are over ({@code everything}: all of them). */
  void flush(boolean everything) {
    try {
      writer.write(activity.drain(System.currentTimeMillis(), everything));
    } catch (RuntimeException e) {
      Log.warnf(e, "MLflow view of logs: flush failed");
    }
  }

  /** On shutdown, before the store closes (a {@code @PreDestroy} would run after it). */
  void stop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.shutdownNow();
      flush(true);
    }
  }
}
