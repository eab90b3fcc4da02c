package io.homelab.observer.tracking.tracemetrics;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.tracemetrics.MetricCatalog.View;
import io.homelab.observer.tracking.tracemetrics.TraceMetrics.Aggregation;
import io.homelab.observer.tracking.tracemetrics.TraceMetrics.DataPoint;
import io.homelab.observer.tracking.tracemetrics.TraceMetrics.Query;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * MLflow 3's trace metrics (QueryTraceMetrics): one metric of traces, spans or assessments in the
 * given experiments, grouped by dimensions and optionally by time bucket, each group aggregated
 * (COUNT, SUM, AVG, MIN, MAX, PERCENTILE by linear interpolation as MLflow's SQL store). Groups
 * come ordered by time bucket, then dimension values, at most {@code max_results} of them.
 */
@Singleton
public class TraceMetricsService {

  private static final int DEFAULT_MAX_RESULTS = 1000;
  private static final List<String> AGGREGATIONS =
      List.of("COUNT", "SUM", "AVG", "PERCENTILE", "MIN", "MAX");
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

  private final Database db;
  private final TraceMetricsStore store;

  public TraceMetricsService(Database db, TraceMetricsStore store) {
    this.db = db;
    this.store = store;
  }

  public List<DataPoint> query(Query q) {
    if (q.experimentIds() == null || q.experimentIds().isEmpty()) {
      throw MlflowException.missing("experiment_ids");
    }
    View view = MetricCatalog.view(q.viewType());
    if (q.metricName() == null || q.metricName().isEmpty()) {
      throw MlflowException.missing("metric_name");
    }
    if (q.aggregations() == null || q.aggregations().isEmpty()) {
      throw MlflowException.missing("aggregations");
    }
    List<String> types = new ArrayList<>();
    for (Aggregation a : q.aggregations()) {
      types.add(aggregationType(a));
    }
    List<String> dims = q.dimensions() == null ? List.of() : q.dimensions();
    MetricCatalog.validate(view, q.metricName(), types, dims);
    if (q.filters() != null && !q.filters().isEmpty()) {
      throw MlflowException.invalid(
          "filters are not supported by this server's trace metrics yet (planned)");
    }
    Long interval = q.timeIntervalSeconds();
    if (interval != null && interval != 0 && (q.startTimeMs() == null || q.endTimeMs() == null)) {
      throw MlflowException.invalid(
          "start_time_ms and end_time_ms are required if time_interval_seconds is set");
    }
    if (interval != null && interval < 0) {
      throw MlflowException.invalid("time_interval_seconds must be positive, got " + interval);
    }
    int max =
        q.maxResults() == null || q.maxResults() == 0
            ? DEFAULT_MAX_RESULTS
            : (int) Math.min(q.maxResults(), 100_000);
    if (max < 0) {
      throw MlflowException.invalid("max_results must be positive, got " + q.maxResults());
    }
    List<Long> experiments = new ArrayList<>();
    for (String e : q.experimentIds()) {
      experiments.add(Validation.experimentId(e));
    }
    List<Sample> samples =
        db.read(
            c ->
                store.samples(
                    c, view, q.metricName(), experiments, q.startTimeMs(), q.endTimeMs()));
    long bucketMs = interval == null ? 0 : interval * 1000;
    return aggregate(samples, q, dims, bucketMs, max);
  }

  private static List<DataPoint> aggregate(
      List<Sample> samples, Query q, List<String> dims, long bucketMs, int max) {
    // Group key: [bucket start ms or null, dimension values...]
    Map<List<Object>, List<Double>> groups = new LinkedHashMap<>();
    for (Sample s : samples) {
      if (s.value() == null) {
        continue;
      }
      List<Object> key = new ArrayList<>();
      key.add(bucketMs > 0 ? Math.floorDiv(s.timeMs(), bucketMs) * bucketMs : null);
      boolean complete = true;
      for (String d : dims) {
        String v = s.dimensions().get(d);
        complete &= v != null;
        key.add(v);
      }
      if (complete) {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s.value());
      }
    }
    List<List<Object>> keys = new ArrayList<>(groups.keySet());
    keys.sort(GROUP_ORDER);
    List<DataPoint> out = new ArrayList<>();
    for (List<Object> key : keys.subList(0, Math.min(max, keys.size()))) {
      Map<String, String> dimensions = new LinkedHashMap<>();
      if (bucketMs > 0) {
        dimensions.put("time_bucket", ISO.format(Instant.ofEpochMilli((Long) key.get(0))));
      }
      for (int i = 0; i < dims.size(); i++) {
        dimensions.put(dims.get(i), (String) key.get(i + 1));
      }
      List<Double> values = groups.get(key);
      Map<String, Double> results = new TreeMap<>();
      for (Aggregation a : q.aggregations()) {
        String type = aggregationType(a);
        double p = a.percentileValue() == null ? 0 : a.percentileValue();
        results.put(label(type, p), Aggregates.compute(type, p, values));
      }
      out.add(new DataPoint(q.metricName(), dimensions, results));
    }
    return out;
  }

  private static final Comparator<List<Object>> GROUP_ORDER =
      (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
          Object x = a.get(i);
          Object y = b.get(i);
          int c =
              x == null
                  ? 0
                  : x instanceof Long lx
                      ? Long.compare(lx, (Long) y)
                      : ((String) x).compareTo((String) y);
          if (c != 0) {
            return c;
          }
        }
        return 0;
      };

  private static String aggregationType(Aggregation a) {
    String t = a.aggregationType();
    if (t == null || t.isEmpty()) {
      throw MlflowException.missing("aggregations.aggregation_type");
    }
    String upper = t.toUpperCase(Locale.ROOT);
    if (upper.matches("[1-6]")) {
      upper = AGGREGATIONS.get(Integer.parseInt(upper) - 1);
    }
    if (!AGGREGATIONS.contains(upper)) {
      throw MlflowException.invalid(
          "Invalid aggregation_type '" + t + "'. Valid values are " + AGGREGATIONS);
    }
    if (upper.equals("PERCENTILE")) {
      Double p = a.percentileValue();
      if (p == null || p < 0 || p > 100) {
        throw MlflowException.invalid(
            "Percentile value must be between 0 and 100, got " + p + " for PERCENTILE");
      }
    }
    return upper;
  }

  /** MLflow's value key: the aggregation's name, or {@code P<percentile as a Python float>}. */
  static String label(String type, double percentile) {
    if (!type.equals("PERCENTILE")) {
      return type;
    }
    String p =
        percentile == Math.rint(percentile) && Math.abs(percentile) < 1e16
            ? Long.toString((long) percentile) + ".0"
            : Double.toString(percentile);
    return "P" + p;
  }
}
