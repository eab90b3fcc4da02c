package io.homelab.observer.tracking.logs.mlflow;

import io.homelab.observer.tracking.logs.ingest.LogIngestService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Counts every stored batch for the MLflow view, on the ingesting thread (a map update). */
@Singleton
public class LogRunObserver {

  private final LogActivity activity;
  private final boolean enabled;

  public LogRunObserver(LogRunScheduler scheduler, LogRunsConfig config) {
    this.activity = scheduler.activity();
    this.enabled = config.enabled();
  }

  void stored(@Observes LogIngestService.Stored stored) {
    if (enabled) {
      activity.add(stored.entries());
    }
  }
}
