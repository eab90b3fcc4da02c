package io.homelab.observer.controller.metrics.promql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@code histogram_quantile} over classic {@code le} buckets, Prometheus's bucketQuantile. */
final class Histograms {

  private Histograms() {}

  static Value.Vector quantile(double q, Value.Vector v) {
    Map<SortedMap<String, String>, List<double[]>> groups = new LinkedHashMap<>();
    for (Value.Point p : v.points()) {
      String le = p.labels().get("le");
      if (le == null) {
        continue;
      }
      double upper;
      try {
        upper = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      } catch (NumberFormatException e) {
        continue;
      }
      TreeMap<String, String> key = new TreeMap<>(p.labels());
      key.remove("le");
      key.remove(Labels.NAME);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {upper, p.value()});
    }
    List<Value.Point> out = new ArrayList<>();
    groups.forEach((k, buckets) -> out.add(new Value.Point(k, bucketQuantile(q, buckets), 0)));
    return new Value.Vector(out);
  }

  static double bucketQuantile(double q, List<double[]> buckets) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    buckets.sort((a, b) -> Double.compare(a[0], b[0]));
    int n = buckets.size();
    if (n < 2 || !Double.isInfinite(buckets.get(n - 1)[0])) {
      return Double.NaN;
    }
    // Counts may dip through scrape races between buckets: make them monotonic as Prometheus does.
    double max = Double.NEGATIVE_INFINITY;
    for (double[] b : buckets) {
      max = Math.max(max, b[1]);
      b[1] = max;
    }
    double observations = buckets.get(n - 1)[1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < n - 1 && buckets.get(b)[1] < rank) {
      b++;
    }
    if (b == n - 1) {
      return buckets.get(n - 2)[0];
    }
    if (b == 0 && buckets.get(0)[0] <= 0) {
      return buckets.get(0)[0];
    }
    double start = 0;
    double end = buckets.get(b)[0];
    double count = buckets.get(b)[1];
    if (b > 0) {
      start = buckets.get(b - 1)[0];
      count -= buckets.get(b - 1)[1];
      rank -= buckets.get(b - 1)[1];
    }
    return start + (end - start) * (rank / count);
  }
}
