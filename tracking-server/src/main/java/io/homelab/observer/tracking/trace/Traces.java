package io.homelab.observer.tracking.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * MLflow 3's trace messages (service.proto TraceInfoV3, Trace, and the request bodies of the v3
 * trace routes) in their JSON form: timestamps as RFC 3339 text, durations as {@code "0.5s"} (see
 * {@link TraceTime}), spans as OpenTelemetry's protobuf JSON (built by {@link SpanJson}).
 */
public final class Traces {

  private Traces() {}

  @MlflowJson
  @RegisterForReflection
  public record MlflowExperiment(String experimentId) {}

  @MlflowJson
  @RegisterForReflection
  public record Location(String type, MlflowExperiment mlflowExperiment) {

    static Location experiment(String experimentId) {
      return new Location("MLFLOW_EXPERIMENT", new MlflowExperiment(experimentId));
    }

    /** The experiment id of an MLFLOW_EXPERIMENT location, else null. */
    String experimentId() {
      return mlflowExperiment == null ? null : mlflowExperiment.experimentId();
    }
  }

  /** TraceInfoV3. Assessments are MLflow's Assessment JSON as stored. */
  @MlflowJson
  @RegisterForReflection
  public record TraceInfo(
      String traceId,
      String clientRequestId,
      Location traceLocation,
      String requestPreview,
      String responsePreview,
      String requestTime,
      String executionDuration,
      String state,
      Map<String, String> traceMetadata,
      List<JsonNode> assessments,
      Map<String, String> tags) {}

  /** A trace: its info and, for get/batchGet, its spans as OpenTelemetry JSON. */
  @MlflowJson
  @RegisterForReflection
  public record Trace(TraceInfo traceInfo, List<JsonNode> spans) {}

  @MlflowJson
  @RegisterForReflection
  record OneTrace(Trace trace) {}

  @MlflowJson
  @RegisterForReflection
  record ManyTraces(List<Trace> traces) {}

  @MlflowJson
  @RegisterForReflection
  record ManyInfos(List<TraceInfo> traceInfos) {}

  @MlflowJson
  @RegisterForReflection
  record Found(List<TraceInfo> traces, String nextPageToken) {}

  @MlflowJson
  @RegisterForReflection
  record Deleted(Integer tracesDeleted) {}

  @MlflowJson
  @RegisterForReflection
  record StartV3(Trace trace) {}

  @MlflowJson
  @RegisterForReflection
  record SearchV3(
      List<Location> locations,
      String filter,
      Long maxResults,
      List<String> orderBy,
      String pageToken) {}

  @MlflowJson
  @RegisterForReflection
  record SearchV2(
      List<String> experimentIds,
      String filter,
      Long maxResults,
      List<String> orderBy,
      String pageToken) {}

  @MlflowJson
  @RegisterForReflection
  record Delete(
      String experimentId, Long maxTimestampMillis, Long maxTraces, List<String> requestIds) {}

  @MlflowJson
  @RegisterForReflection
  record Tag(String key, String value) {}

  @MlflowJson
  @RegisterForReflection
  record Ids(List<String> traceIds, List<String> experimentIds) {}

  @MlflowJson
  @RegisterForReflection
  record Get(String traceId, Boolean allowPartial) {}

  @MlflowJson
  @RegisterForReflection
  record LinkToRun(List<String> traceIds, String runId) {}
}
