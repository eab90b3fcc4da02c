package io.homelab.observer.tracking.logs.mlflow;

import io.homelab.observer.tracking.artifact.ArtifactStore;
import io.homelab.observer.tracking.artifact.ArtifactUploaded;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.experiment.Experiment;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.logs.LogLine;
import io.homelab.observer.tracking.logs.ingest.LineRules;
import io.homelab.observer.tracking.logs.ingest.LogIngestService;
import io.homelab.observer.tracking.run.RunModels.RunInfo;
import io.homelab.observer.tracking.run.RunService;
import io.quarkus.logging.Log;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Indexes the text artifacts of runs ({@code mlflow.log_text("...", "train.log")}) into the log
 * search, one entry per line: host {@code mlflow}, service the experiment's name, labels {@code
 * run_id}, {@code run_name}, {@code experiment_id} and {@code artifact_path}. The batch id is the
 * run and the file's SHA-256, so uploading the same text again indexes nothing twice.
 */
@Singleton
public class LogTextIndexer {

  /** The host of indexed artifact lines. */
  static final String HOST = "mlflow";

  /** Label that marks an entry as coming from an artifact (the per-host MLflow view skips them). */
  static final String ARTIFACT_LABEL = "artifact_path";

  /** Larger files are left to the artifact browser. */
  static final long MAX_BYTES = 1 << 20;

  private static final Set<String> TEXT_SUFFIXES =
      Set.of(".txt", ".log", ".out", ".err", ".md", ".csv", ".json", ".yaml", ".yml");

  private final ArtifactStore store;
  private final RunService runs;
  private final ExperimentService experiments;
  private final LogIngestService ingest;

  public LogTextIndexer(
      ArtifactStore store,
      RunService runs,
      ExperimentService experiments,
      LogIngestService ingest) {
    this.store = store;
    this.runs = runs;
    this.experiments = experiments;
    this.ingest = ingest;
  }

  void uploaded(@ObservesAsync ArtifactUploaded a) {
    String[] parts = a.path().split("/", 4);
    if (parts.length < 4 || !"artifacts".equals(parts[2]) || a.bytes() > MAX_BYTES) {
      return;
    }
    String name = parts[3].toLowerCase(Locale.ROOT);
    if (TEXT_SUFFIXES.stream().noneMatch(name::endsWith)) {
      return;
    }
    Optional<RunInfo> run = runs.find(parts[1]);
    Optional<Path> file = store.file(a.path());
    if (run.isEmpty() || !run.get().experimentId().equals(parts[0]) || file.isEmpty()) {
      return;
    }
    try {
      index(run.get(), parts[3], Files.readAllBytes(file.get()));
    } catch (IOException | MlflowException e) {
      Log.warnf("artifact %s not indexed: %s", a.path(), e.getMessage());
    }
  }

  private void index(RunInfo run, String artifactPath, byte[] bytes) {
    String service =
        experiments.find(run.experimentId()).map(Experiment::name).orElse(run.experimentId());
    Map<String, String> labels =
        Map.of(
            "run_id",
            run.runId(),
            "run_name",
            run.runName() == null ? "" : run.runName(),
            "experiment_id",
            run.experimentId(),
            ARTIFACT_LABEL,
            artifactPath);
    long now = System.currentTimeMillis();
    List<LogLine> lines = new ArrayList<>();
    for (String text : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
      if (text.isBlank()) {
        continue;
      }
      String message =
          text.length() > LineRules.MAX_MESSAGE ? text.substring(0, LineRules.MAX_MESSAGE) : text;
      lines.add(LineRules.line("artifact line", now, HOST, service, null, message, labels));
    }
    ingest.ingest(lines, "artifact:" + run.runId() + ":" + sha256(bytes));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
