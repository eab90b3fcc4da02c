package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.promql.Expr.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The argument and return types of the supported functions, for the parser's checks. */
final class Signatures {

  /**
   * @param optional how many trailing arguments may be left out
   */
  record Signature(List<Type> args, Type returns, int optional) {}

  private static final Map<String, Signature> ALL = new HashMap<>();

  static {
    for (String f :
        List.of(
            "rate",
            "irate",
            "increase",
            "delta",
            "idelta",
            "deriv",
            "changes",
            "resets",
            "avg_over_time",
            "min_over_time",
            "max_over_time",
            "sum_over_time",
            "count_over_time",
            "last_over_time",
            "stddev_over_time",
            "stdvar_over_time",
            "present_over_time",
            "absent_over_time")) {
      ALL.put(f, new Signature(List.of(Type.MATRIX), Type.VECTOR, 0));
    }
    ALL.put("quantile_over_time", new Signature(List.of(Type.SCALAR, Type.MATRIX), Type.VECTOR, 0));
    ALL.put("predict_linear", new Signature(List.of(Type.MATRIX, Type.SCALAR), Type.VECTOR, 0));
    ALL.put(
        "holt_winters",
        new Signature(List.of(Type.MATRIX, Type.SCALAR, Type.SCALAR), Type.VECTOR, 0));
    for (String f :
        List.of(
            "abs",
            "ceil",
            "floor",
            "exp",
            "ln",
            "log2",
            "log10",
            "sqrt",
            "sgn",
            "sort",
            "sort_desc",
            "absent",
            "timestamp",
            "deg",
            "rad")) {
      ALL.put(f, new Signature(List.of(Type.VECTOR), Type.VECTOR, 0));
    }
    for (String f :
        List.of(
            "day_of_month",
            "day_of_week",
            "day_of_year",
            "days_in_month",
            "hour",
            "minute",
            "month",
            "year")) {
      ALL.put(f, new Signature(List.of(Type.VECTOR), Type.VECTOR, 1));
    }
    ALL.put("round", new Signature(List.of(Type.VECTOR, Type.SCALAR), Type.VECTOR, 1));
    ALL.put("clamp", new Signature(List.of(Type.VECTOR, Type.SCALAR, Type.SCALAR), Type.VECTOR, 0));
    ALL.put("clamp_min", new Signature(List.of(Type.VECTOR, Type.SCALAR), Type.VECTOR, 0));
    ALL.put("clamp_max", new Signature(List.of(Type.VECTOR, Type.SCALAR), Type.VECTOR, 0));
    ALL.put("scalar", new Signature(List.of(Type.VECTOR), Type.SCALAR, 0));
    ALL.put("vector", new Signature(List.of(Type.SCALAR), Type.VECTOR, 0));
    ALL.put("time", new Signature(List.of(), Type.SCALAR, 0));
    ALL.put("pi", new Signature(List.of(), Type.SCALAR, 0));
    ALL.put("histogram_quantile", new Signature(List.of(Type.SCALAR, Type.VECTOR), Type.VECTOR, 0));
    ALL.put(
        "label_replace",
        new Signature(
            List.of(Type.VECTOR, Type.STRING, Type.STRING, Type.STRING, Type.STRING),
            Type.VECTOR,
            0));
  }

  private Signatures() {}

  static Signature of(String name) {
    return ALL.get(name);
  }
}
