package io.homelab.observer.tracking.tracemetrics;

import io.homelab.observer.tracking.wire.MlflowJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/** MLflow 3's QueryTraceMetrics messages (service.proto) in their JSON form. */
public final class TraceMetrics {

  private TraceMetrics() {}

  /** {@code aggregation_type}: COUNT, SUM, AVG, PERCENTILE, MIN, MAX (name or number). */
  @MlflowJson
  @RegisterForReflection
  public record Aggregation(String aggregationType, Double percentileValue) {}

  @MlflowJson
  @RegisterForReflection
  public record Query(
      List<String> experimentIds,
      String viewType,
      String metricName,
      List<Aggregation> aggregations,
      List<String> dimensions,
      List<String> filters,
      Long timeIntervalSeconds,
      Long startTimeMs,
      Long endTimeMs,
      Long maxResults,
      String pageToken) {}

  /** One group: its dimension values and one value per aggregation (keyed COUNT, P50.0, ...). */
  @MlflowJson
  @RegisterForReflection
  public record DataPoint(
      String metricName, Map<String, String> dimensions, Map<String, Double> values) {}

  @MlflowJson
  @RegisterForReflection
  public record Result(List<DataPoint> dataPoints, String nextPageToken) {}
}
