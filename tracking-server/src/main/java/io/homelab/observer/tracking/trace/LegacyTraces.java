package io.homelab.observer.tracking.trace;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.experiment.Experiment;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.trace.Traces.TraceInfo;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.homelab.observer.tracking.wire.Validation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * MLflow 2's trace API, which 3.x clients still use as a fallback and MLflow 3.17 still serves:
 * StartTrace ({@code POST /api/2.0/mlflow/traces} with {@code experiment_id}), EndTrace ({@code
 * PATCH traces/{request_id}}) and GetTraceInfo ({@code GET traces/{request_id}/info}), answering
 * the v2 TraceInfo (request_id, timestamp_ms, key/value lists).
 */
@Singleton
public class LegacyTraces {

  @MlflowJson
  @RegisterForReflection
  public record TraceInfoV2(
      String requestId,
      String experimentId,
      Long timestampMs,
      Long executionTimeMs,
      String status,
      List<KeyValue> requestMetadata,
      List<KeyValue> tags) {}

  @MlflowJson
  @RegisterForReflection
  public record OneInfo(TraceInfoV2 traceInfo) {}

  @MlflowJson
  @RegisterForReflection
  record Start(
      String experimentId,
      Long timestampMs,
      List<KeyValue> requestMetadata,
      List<KeyValue> tags,
      String status) {}

  private final Database db;
  private final TraceStore traces;
  private final TraceService service;
  private final ExperimentService experiments;

  public LegacyTraces(
      Database db, TraceStore traces, TraceService service, ExperimentService experiments) {
    this.db = db;
    this.traces = traces;
    this.service = service;
    this.experiments = experiments;
  }

  public OneInfo start(Start req) {
    Experiment experiment =
        experiments.requireActive(Validation.required(req.experimentId(), "experiment_id"));
    String traceId = "tr-" + UUID.randomUUID().toString().replace("-", "");
    long ts = req.timestampMs() == null ? System.currentTimeMillis() : req.timestampMs();
    db.write(
        c -> {
          traces.insertIfAbsent(
              c,
              new TraceRow(
                  traceId, experiment.experimentId(), ts, 0L, "IN_PROGRESS", null, null, null));
          traces.put(
              c,
              TraceStore.TAGS,
              traceId,
              TraceService.ARTIFACT_LOCATION_TAG,
              TraceService.artifactLocation(experiment, traceId));
          putAll(c, traceId, req);
          return null;
        });
    return info(traceId);
  }

  public OneInfo end(String traceId, Start req) {
    db.write(
        c -> {
          TraceRow r = service.require(c, traceId);
          long end = req.timestampMs() == null ? System.currentTimeMillis() : req.timestampMs();
          traces.update(
              c,
              new TraceRow(
                  traceId,
                  r.experimentId(),
                  r.timestampMs(),
                  end - r.timestampMs(),
                  req.status() == null ? r.state() : legacyState(req.status()),
                  r.clientRequestId(),
                  r.requestPreview(),
                  r.responsePreview()));
          putAll(c, traceId, req);
          return null;
        });
    return info(traceId);
  }

  public OneInfo info(String traceId) {
    TraceInfo v3 = service.info(traceId);
    return new OneInfo(
        new TraceInfoV2(
            v3.traceId(),
            v3.traceLocation().experimentId(),
            TraceTime.parseTimestamp(v3.requestTime(), "request_time"),
            v3.executionDuration() == null
                ? null
                : TraceTime.parseDuration(v3.executionDuration(), "execution_duration"),
            v3.state().equals("STATE_UNSPECIFIED") ? "TRACE_STATUS_UNSPECIFIED" : v3.state(),
            list(v3.traceMetadata()),
            list(v3.tags())));
  }

  private void putAll(java.sql.Connection c, String traceId, Start req)
      throws java.sql.SQLException {
    for (KeyValue kv :
        req.requestMetadata() == null ? List.<KeyValue>of() : req.requestMetadata()) {
      traces.put(c, TraceStore.METADATA, traceId, kv.key(), kv.value());
    }
    for (KeyValue kv : req.tags() == null ? List.<KeyValue>of() : req.tags()) {
      traces.put(c, TraceStore.TAGS, traceId, kv.key(), kv.value());
    }
  }

  /** v2 statuses are OK, ERROR, IN_PROGRESS, TRACE_STATUS_UNSPECIFIED; v3 states match. */
  private static String legacyState(String status) {
    return switch (status) {
      case "OK", "ERROR", "IN_PROGRESS" -> status;
      case "TRACE_STATUS_UNSPECIFIED" -> "STATE_UNSPECIFIED";
      default -> throw MlflowException.invalid("Invalid trace status '" + status + "'.");
    };
  }

  private static List<KeyValue> list(Map<String, String> map) {
    List<KeyValue> out = new ArrayList<>();
    if (map != null) {
      map.forEach((k, v) -> out.add(new KeyValue(k, v)));
    }
    return out.isEmpty() ? null : out;
  }
}
