package io.homelab.observer.tracking.logs.mlflow;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.experiment.Experiment;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.run.ComputedMetric;
import io.homelab.observer.tracking.run.RunModels.Run;
import io.homelab.observer.tracking.run.RunService;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.wire.KeyValue;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes counted minutes into MLflow terms: experiment {@code logs/<host>}, one run per service and
 * UTC day (tags {@code host}, {@code service}, {@code day}, {@code image}), metrics {@code
 * lines_per_minute}, {@code errors_per_minute} and {@code warnings_per_minute} with the minute of
 * the day as step. Runs are found again by their tags after a restart, so none is created twice.
 */
@Singleton
public class LogRunWriter {

  static final String EXPERIMENT_PREFIX = "logs/";
  static final String USER = "homelab-logs";

  /** MLflow's log-batch takes at most 1000 metrics. */
  private static final int BATCH = 999;

  private final ExperimentService experiments;
  private final RunService runs;
  private final Map<LogActivity.RunKey, String> runIds = new ConcurrentHashMap<>();

  public LogRunWriter(ExperimentService experiments, RunService runs) {
    this.experiments = experiments;
    this.runs = runs;
  }

  void write(List<LogActivity.Pending> pending) {
    for (LogActivity.Pending p : pending) {
      try {
        Optional<String> runId = runFor(p);
        if (runId.isEmpty()) {
          continue;
        }
        if (p.image() != null) {
          runs.setTag(runId.get(), "image", p.image());
        }
        List<ComputedMetric> values = metrics(p);
        for (int i = 0; i < values.size(); i += BATCH) {
          runs.logComputedMetrics(
              runId.get(), values.subList(i, Math.min(values.size(), i + BATCH)));
        }
      } catch (MlflowException e) {
        // A run or experiment deleted by a user meanwhile: look it up again next time.
        runIds.remove(p.key());
        Log.warnf(
            "MLflow view of logs: %s/%s: %s", p.key().host(), p.key().service(), e.getMessage());
      }
    }
    finishPastDays();
  }

  private static List<ComputedMetric> metrics(LogActivity.Pending p) {
    long dayStart =
        LocalDate.parse(p.key().day()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    List<ComputedMetric> out = new ArrayList<>();
    for (LogActivity.Minute m : p.minutes()) {
      long step = (m.start() - dayStart) / LogActivity.MINUTE_MS;
      out.add(new ComputedMetric("lines_per_minute", m.lines(), m.start(), step));
      out.add(new ComputedMetric("errors_per_minute", m.errors(), m.start(), step));
      out.add(new ComputedMetric("warnings_per_minute", m.warnings(), m.start(), step));
    }
    return out;
  }

  /** The run of this key; empty when its host's experiment was deleted (the owner opted out). */
  private Optional<String> runFor(LogActivity.Pending p) {
    String cached = runIds.get(p.key());
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<String> experimentId = experimentOf(p.key().host());
    if (experimentId.isEmpty()) {
      return Optional.empty();
    }
    String filter =
        "tags.service = '" + quote(p.key().service()) + "' and tags.day = '" + p.key().day() + "'";
    Page<Run> found =
        runs.search(List.of(experimentId.get()), filter, "ACTIVE_ONLY", 1L, null, null);
    String runId;
    if (!found.items().isEmpty()) {
      runId = found.items().get(0).info().runId();
    } else {
      List<KeyValue> tags =
          List.of(
              new KeyValue("host", p.key().host()),
              new KeyValue("service", p.key().service()),
              new KeyValue("day", p.key().day()),
              new KeyValue(
                  "homelab.logs.query",
                  "host:\"" + p.key().host() + "\" service:\"" + p.key().service() + "\""));
      runId =
          runs.create(
                  experimentId.get(),
                  USER,
                  p.key().service() + " " + p.key().day(),
                  p.firstTimestamp(),
                  tags)
              .info()
              .runId();
    }
    runIds.put(p.key(), runId);
    return Optional.of(runId);
  }

  private Optional<String> experimentOf(String host) {
    String name = EXPERIMENT_PREFIX + host;
    Optional<Experiment> existing = experiments.findByName(name);
    if (existing.isPresent()) {
      return "active".equals(existing.get().lifecycleStage())
          ? Optional.of(existing.get().experimentId())
          : Optional.empty();
    }
    try {
      return Optional.of(
          experiments.create(name, null, List.of(new KeyValue("homelab.logs.host", host))));
    } catch (MlflowException e) {
      // Created meanwhile by someone else: use theirs.
      return experiments.findByName(name).map(Experiment::experimentId);
    }
  }

  /** Runs of days that are over get MLflow's FINISHED status with the day's end as end time. */
  private void finishPastDays() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    runIds.forEach(
        (key, runId) -> {
          LocalDate day = LocalDate.parse(key.day());
          if (day.isBefore(today)) {
            long end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
            try {
              runs.update(runId, "FINISHED", end, null);
            } catch (MlflowException e) {
              Log.debugf("MLflow view of logs: cannot finish run %s: %s", runId, e.getMessage());
            }
            runIds.remove(key);
          }
        });
  }

  /** A value inside MLflow's single-quoted filter string. */
  private static String quote(String value) {
    return value.replace("\\", "\\\\").replace("'", "\\'");
  }
}
