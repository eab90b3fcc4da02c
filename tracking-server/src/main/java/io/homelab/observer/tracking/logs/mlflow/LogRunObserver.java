package io.homelab.observer.tracking.logs.mlflow;

import io.homelab.observer.tracking.logs.LogEntry;
import io.homelab.observer.tracking.logs.ingest.LogIngestService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;

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
      // Lines indexed from a run's own text artifacts are already in MLflow: not counted again.
      List<LogEntry> entries = stored.entries();
      if (entries.stream().anyMatch(e -> e.labels().containsKey(LogTextIndexer.ARTIFACT_LABEL))) {
        entries =
            entries.stream()
                .filter(e -> !e.labels().containsKey(LogTextIndexer.ARTIFACT_LABEL))
                .toList();
      }
      activity.add(entries);
    }
  }
}
