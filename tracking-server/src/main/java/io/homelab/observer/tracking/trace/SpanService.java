package io.homelab.observer.tracking.trace;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.experiment.Experiment;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Span ingestion (MLflow's log_spans behind {@code POST /v1/traces}): the spans of each trace are
 * stored, a trace not started yet is created from its spans (start = earliest span, duration to the
 * latest end, state from the root span), and the trace is marked as having its spans in the
 * tracking store so clients read them back from get-trace instead of an artifact. All spans of a
 * request are written in one transaction: the batch is accepted or refused whole.
 */
@Singleton
public class SpanService {

  private static final int PREVIEW_LENGTH = 1000;

  private final Database db;
  private final TraceStore traces;
  private final SpanStore spans;
  private final ExperimentService experiments;

  public SpanService(
      Database db, TraceStore traces, SpanStore spans, ExperimentService experiments) {
    this.db = db;
    this.traces = traces;
    this.spans = spans;
    this.experiments = experiments;
  }

  /** Logs decoded OTLP spans into an experiment; the number of spans stored. */
  public int log(String experimentId, byte[] otlpBody) {
    Validation.required(experimentId, "x-mlflow-experiment-id");
    List<OtlpDecoder.Span> decoded = OtlpDecoder.decode(otlpBody);
    if (decoded.isEmpty()) {
      throw MlflowException.invalid("Invalid OpenTelemetry format - no spans found");
    }
    Map<String, List<StoredSpan>> byTrace = new LinkedHashMap<>();
    for (OtlpDecoder.Span s : decoded) {
      StoredSpan stored;
      try {
        stored = SpanJson.stored(s);
      } catch (IllegalArgumentException e) {
        throw MlflowException.invalid(
            "Cannot convert OpenTelemetry span to MLflow span: " + e.getMessage());
      }
      byTrace.computeIfAbsent(stored.traceId(), k -> new ArrayList<>()).add(stored);
    }
    Experiment experiment = experiments.requireActive(experimentId);
    return db.write(
        c -> {
          int count = 0;
          for (Map.Entry<String, List<StoredSpan>> e : byTrace.entrySet()) {
            count += logTrace(c, experiment, e.getKey(), e.getValue());
          }
          return count;
        });
  }

  private int logTrace(Connection c, Experiment experiment, String traceId, List<StoredSpan> batch)
      throws SQLException {
    long minStartMs = Long.MAX_VALUE;
    Long maxEndMs = null;
    StoredSpan root = null;
    for (StoredSpan s : batch) {
      minStartMs = Math.min(minStartMs, s.startNanos() / 1_000_000);
      if (s.endNanos() != null) {
        long end = s.endNanos() / 1_000_000;
        maxEndMs = maxEndMs == null ? end : Math.max(maxEndMs, end);
      }
      if (s.root()) {
        root = s;
      }
    }
    String rootState = root == null ? null : root.status().equals("ERROR") ? "ERROR" : "OK";
    Optional<TraceRow> existing = traces.find(c, traceId);
    if (existing.isEmpty()
        && traces.insertIfAbsent(
            c,
            new TraceRow(
                traceId,
                experiment.experimentId(),
                minStartMs,
                maxEndMs == null ? null : maxEndMs - minStartMs,
                rootState == null ? "IN_PROGRESS" : rootState,
                null,
                root == null ? null : preview(root.inputs()),
                root == null ? null : preview(root.outputs())))) {
      traces.put(
          c,
          TraceStore.TAGS,
          traceId,
          TraceService.ARTIFACT_LOCATION_TAG,
          TraceService.artifactLocation(experiment, traceId));
      if (root != null && root.name() != null) {
        traces.put(c, TraceStore.TAGS, traceId, TraceSearch.TRACE_NAME_TAG, root.name());
      }
    } else {
      // Started already, or by a concurrent start-trace that won the insert.
      TraceRow old = existing.isPresent() ? existing.get() : traces.find(c, traceId).orElseThrow();
      TraceService.sameExperiment(old, experiment.experimentId());
      if (!finalized(c, traceId)) {
        // The client's start-trace has not come yet: widen the trace to these spans.
        long start = Math.min(old.timestampMs(), minStartMs);
        Long oldEnd =
            old.executionTimeMs() == null ? null : old.timestampMs() + old.executionTimeMs();
        Long end =
            oldEnd == null ? maxEndMs : maxEndMs == null ? oldEnd : Math.max(oldEnd, maxEndMs);
        traces.update(
            c,
            new TraceRow(
                traceId,
                old.experimentId(),
                start,
                end == null ? null : end - start,
                rootState == null ? old.state() : rootState,
                old.clientRequestId(),
                root == null ? old.requestPreview() : preview(root.inputs()),
                root == null ? old.responsePreview() : preview(root.outputs())));
        if (root != null && root.name() != null) {
          traces.put(c, TraceStore.TAGS, traceId, TraceSearch.TRACE_NAME_TAG, root.name());
        }
      }
    }
    for (StoredSpan s : batch) {
      spans.upsert(c, experiment.experimentId(), s);
    }
    traces.put(
        c, TraceStore.TAGS, traceId, TraceReader.SPANS_LOCATION_TAG, TraceReader.TRACKING_STORE);
    return batch.size();
  }

  private boolean finalized(Connection c, String traceId) throws SQLException {
    return traces
        .keyValues(c, TraceStore.METADATA, List.of(traceId))
        .getOrDefault(traceId, Map.of())
        .containsKey(TraceService.INFO_FINALIZED);
  }

  private static String preview(String text) {
    if (text == null) {
      return null;
    }
    return text.length() <= PREVIEW_LENGTH ? text : text.substring(0, PREVIEW_LENGTH - 3) + "...";
  }
}
