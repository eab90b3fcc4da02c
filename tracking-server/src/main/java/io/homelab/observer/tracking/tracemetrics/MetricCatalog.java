package io.homelab.observer.tracking.tracemetrics;

import io.homelab.observer.tracking.error.MlflowException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which metric of which view may be aggregated how and grouped by what, as MLflow's
 * VIEW_TYPE_CONFIGS says, limited to what this server computes (span cost and session counts are
 * refused as not supported).
 */
final class MetricCatalog {

  enum View {
    TRACES,
    SPANS,
    ASSESSMENTS
  }

  record Spec(Set<String> aggregations, Set<String> dimensions) {}

  private static final Set<String> COUNT = Set.of("COUNT");
  private static final Set<String> STATS = Set.of("AVG", "MIN", "MAX", "PERCENTILE");
  private static final Set<String> SUMS = Set.of("SUM", "AVG", "MIN", "MAX", "PERCENTILE");
  private static final Set<String> BY_TRACE_NAME = Set.of("trace_name");

  private static final Map<View, Map<String, Spec>> SPECS =
      Map.of(
          View.TRACES,
          Map.of(
              "trace_count", new Spec(COUNT, Set.of("trace_name", "trace_status")),
              "latency", new Spec(STATS, BY_TRACE_NAME),
              "input_tokens", new Spec(SUMS, BY_TRACE_NAME),
              "output_tokens", new Spec(SUMS, BY_TRACE_NAME),
              "total_tokens", new Spec(SUMS, BY_TRACE_NAME)),
          View.SPANS,
          Map.of(
              "span_count", new Spec(COUNT, Set.of("span_name", "span_type", "span_status")),
              "latency", new Spec(STATS, Set.of("span_name", "span_status"))),
          View.ASSESSMENTS,
          Map.of(
              "assessment_count",
              new Spec(COUNT, Set.of("assessment_name", "assessment_value")),
              "assessment_value",
              new Spec(STATS, Set.of("assessment_name"))));

  /** MLflow metrics this server does not compute yet (planned). */
  private static final Set<String> PLANNED =
      Set.of(
          "session_count",
          "cache_read_input_tokens",
          "cache_creation_input_tokens",
          "input_cost",
          "output_cost",
          "total_cost");

  private MetricCatalog() {}

  static View view(String name) {
    if (name == null || name.isEmpty()) {
      throw MlflowException.missing("view_type");
    }
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    List<String> names = List.of("TRACES", "SPANS", "ASSESSMENTS");
    int idx = names.indexOf(upper);
    if (idx < 0 && upper.matches("[1-3]")) {
      idx = Integer.parseInt(upper) - 1;
    }
    if (idx < 0) {
      throw MlflowException.invalid(
          "view_type must be one of ['TRACES', 'SPANS', 'ASSESSMENTS'], got '" + name + "'");
    }
    return View.values()[idx];
  }

  /** Checks metric, aggregations and dimensions with MLflow's messages. */
  static void validate(View view, String metric, List<String> aggregations, List<String> dims) {
    Map<String, Spec> specs = SPECS.get(view);
    Spec spec = specs.get(metric);
    if (spec == null) {
      if (PLANNED.contains(metric)) {
        throw MlflowException.invalid(
            "metric_name '" + metric + "' is not supported by this server yet (planned)");
      }
      throw MlflowException.invalid(
          "metric_name must be one of " + new TreeSet<>(specs.keySet()) + ", got '" + metric + "'");
    }
    Set<String> badAggs = new TreeSet<>(aggregations);
    badAggs.removeAll(spec.aggregations());
    if (!badAggs.isEmpty()) {
      throw MlflowException.invalid(
          "Found invalid aggregation_type(s): "
              + badAggs
              + ". Supported aggregation types: "
              + new TreeSet<>(spec.aggregations()));
    }
    Set<String> badDims = new TreeSet<>(dims);
    badDims.removeAll(spec.dimensions());
    if (!badDims.isEmpty()) {
      throw MlflowException.invalid(
          "Found invalid dimension(s): "
              + badDims
              + ". Supported dimensions: "
              + new TreeSet<>(spec.dimensions()));
    }
  }
}
