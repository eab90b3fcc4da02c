package io.homelab.observer.tracking.tracemetrics;

import java.util.List;

/** The aggregations of one group's values, as MLflow's SQL store computes them. */
final class Aggregates {

  private Aggregates() {}

  static double compute(String type, double percentile, List<Double> values) {
    return switch (type) {
      case "COUNT" -> values.size();
      case "SUM" -> values.stream().mapToDouble(Double::doubleValue).sum();
      case "AVG" -> values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      case "MIN" -> values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
      case "MAX" -> values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
      case "PERCENTILE" -> percentile(values, percentile);
      default -> throw new IllegalArgumentException(type);
    };
  }

  /**
   * Linear interpolation between closest ranks (numpy's default, PostgreSQL's PERCENTILE_CONT):
   * {@code (1-g)*y[j] + g*y[j+1]} with j and g the integral and fractional parts of q*(n-1).
   */
  static double percentile(List<Double> values, double percentile) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = percentile / 100.0 * (sorted.length - 1);
    int j = (int) Math.floor(pos);
    double g = pos - j;
    if (j + 1 >= sorted.length) {
      return sorted[sorted.length - 1];
    }
    return (1 - g) * sorted[j] + g * sorted[j + 1];
  }
}
