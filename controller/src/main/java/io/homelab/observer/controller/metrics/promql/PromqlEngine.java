package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.MetricsQuery;
import io.homelab.observer.controller.metrics.QueryException;
import io.homelab.observer.controller.metrics.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Parses and evaluates PromQL over a {@link Storage}: instant queries, and range queries as one
 * evaluation per step over samples read once.
 */
public class PromqlEngine implements MetricsQuery {

  /** Default subquery step and the result cap, as Prometheus's defaults. */
  static final long DEFAULT_STEP = 60_000L;

  public static final int MAX_POINTS = 11_000;

  private final Storage storage;

  public PromqlEngine(Storage storage) {
    this.storage = storage;
  }

  /** Parses only, for validation. */
  public static void check(String promql) {
    Parser.parse(promql);
  }

  public Value instantValue(String promql, long t) {
    Expr e = Parser.parse(promql);
    return guarded(() -> new Evaluator(storage, e, t, t, DEFAULT_STEP).eval(e, t));
  }

  @Override
  public List<Sample> instant(String promql, Instant at) {
    long t = at.toEpochMilli();
    Value v = instantValue(promql, t);
    List<Sample> out = new ArrayList<>();
    if (v instanceof Value.Scalar s) {
      out.add(new Sample(new TreeMap<>(), t, s.value()));
    } else if (v instanceof Value.Vector vec) {
      for (Value.Point p : vec.points()) {
        out.add(new Sample(p.labels(), t, p.value()));
      }
    } else {
      throw new QueryException("bad_data", "expected an instant vector or scalar expression");
    }
    return out;
  }

  /** A range query: the matrix of every series' values at each step from start to end. */
  public Value.Matrix range(String promql, long start, long end, long step) {
    Expr e = Parser.parse(promql);
    if (e.type() != Expr.Type.VECTOR && e.type() != Expr.Type.SCALAR) {
      throw new QueryException(
          "bad_data",
          "invalid expression type \""
              + Parser.typeName(e.type())
              + "\" for range query, must be Scalar or instant Vector");
    }
    if ((end - start) / step + 1 > MAX_POINTS) {
      throw new QueryException(
          "bad_data",
          "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
    }
    return guarded(
        () -> {
          Evaluator ev = new Evaluator(storage, e, start, end, step);
          Map<SortedMap<String, String>, long[]> times = new LinkedHashMap<>();
          Map<SortedMap<String, String>, double[]> values = new LinkedHashMap<>();
          Map<SortedMap<String, String>, Integer> sizes = new LinkedHashMap<>();
          int steps = (int) ((end - start) / step) + 1;
          for (int k = 0; k < steps; k++) {
            long t = start + k * step;
            Value v = ev.eval(e, t);
            List<Value.Point> points =
                v instanceof Value.Scalar s
                    ? List.of(new Value.Point(new TreeMap<>(), s.value(), t))
                    : ((Value.Vector) v).points();
            for (Value.Point p : points) {
              long[] ts = times.computeIfAbsent(p.labels(), x -> new long[steps]);
              double[] vs = values.computeIfAbsent(p.labels(), x -> new double[steps]);
              int n = sizes.getOrDefault(p.labels(), 0);
              ts[n] = t;
              vs[n] = p.value();
              sizes.put(p.labels(), n + 1);
            }
          }
          List<Value.Series> out = new ArrayList<>();
          times.forEach(
              (l, ts) -> {
                int n = sizes.get(l);
                out.add(
                    new Value.Series(
                        l,
                        java.util.Arrays.copyOf(ts, n),
                        java.util.Arrays.copyOf(values.get(l), n)));
              });
          out.sort((a, b) -> a.labels().toString().compareTo(b.labels().toString()));
          return new Value.Matrix(out);
        });
  }

  private static <T> T guarded(java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (QueryException e) {
      throw e;
    } catch (ClassCastException e) {
      throw new QueryException("execution", "unexpected value type: " + e.getMessage());
    }
  }
}
