package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.QueryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The aggregation operators over an instant vector, grouped {@code by} or {@code without} labels.
 */
final class Aggregations {

  private Aggregations() {}

  static Value.Vector eval(Expr.Aggregate a, Value.Vector in, Value param) {
    Map<SortedMap<String, String>, List<Value.Point>> groups = new LinkedHashMap<>();
    String op = a.op();
    String countLabel = op.equals("count_values") ? ((Value.Str) param).value() : null;
    for (Value.Point p : in.points()) {
      SortedMap<String, String> key = Labels.group(p.labels(), a.grouping(), a.without());
      if (countLabel != null) {
        TreeMap<String, String> k = new TreeMap<>(key);
        k.put(countLabel, format(p.value()));
        key = k;
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
    }
    List<Value.Point> out = new ArrayList<>();
    for (Map.Entry<SortedMap<String, String>, List<Value.Point>> g : groups.entrySet()) {
      List<Value.Point> ps = g.getValue();
      SortedMap<String, String> key = g.getKey();
      switch (op) {
        case "topk", "bottomk" -> {
          double kf = ((Value.Scalar) param).value();
          int k = (int) Math.min(ps.size(), Math.max(0, kf));
          Comparator<Value.Point> byValue =
              Comparator.comparingDouble(
                  p ->
                      Double.isNaN(p.value())
                          ? (op.equals("topk")
                              ? Double.NEGATIVE_INFINITY
                              : Double.POSITIVE_INFINITY)
                          : p.value());
          List<Value.Point> sorted = new ArrayList<>(ps);
          sorted.sort(op.equals("topk") ? byValue.reversed() : byValue);
          out.addAll(sorted.subList(0, k));
        }
        default -> out.add(new Value.Point(key, reduce(op, ps, param), 0));
      }
    }
    return new Value.Vector(out);
  }

  private static double reduce(String op, List<Value.Point> ps, Value param) {
    int n = ps.size();
    switch (op) {
      case "sum":
        {
          double s = 0;
          for (Value.Point p : ps) {
            s += p.value();
          }
          return s;
        }
      case "avg":
        {
          double mean = 0;
          int k = 0;
          for (Value.Point p : ps) {
            mean += (p.value() - mean) / ++k;
          }
          return mean;
        }
      case "min", "max":
        {
          double r = ps.get(0).value();
          for (Value.Point p : ps) {
            double x = p.value();
            if (Double.isNaN(r) || (op.equals("min") ? x < r : x > r)) {
              r = x;
            }
          }
          return r;
        }
      case "count", "count_values":
        return n;
      case "group":
        return 1;
      case "stddev", "stdvar":
        {
          double mean = 0;
          double m2 = 0;
          int k = 0;
          for (Value.Point p : ps) {
            k++;
            double d = p.value() - mean;
            mean += d / k;
            m2 += d * (p.value() - mean);
          }
          return op.equals("stddev") ? Math.sqrt(m2 / n) : m2 / n;
        }
      case "quantile":
        {
          double[] vs = new double[n];
          for (int k = 0; k < n; k++) {
            vs[k] = ps.get(k).value();
          }
          return RangeFunctions.quantile(((Value.Scalar) param).value(), vs);
        }
      default:
        throw new QueryException("bad_data", "unknown aggregation " + op);
    }
  }

  static String format(double v) {
    return Json.number(v);
  }
}
