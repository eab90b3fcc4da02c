package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.MetricsQuery;
import io.homelab.observer.controller.metrics.QueryException;
import io.homelab.observer.controller.metrics.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
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
          int steps = (int) ((end - start) / step) + 1;
          Map<SortedMap<String, String>, StepValues> byLabels = new LinkedHashMap<>();
          // Most label sets are the very same object at every step (a selector's series): an
          // identity look-up spares hashing and comparing the label maps.
          Map<SortedMap<String, String>, StepValues> byIdentity = new IdentityHashMap<>();
          for (int k = 0; k < steps; k++) {
            long t = start + k * step;
            Value v = ev.eval(e, t);
            List<Value.Point> points =
                v instanceof Value.Scalar s
                    ? List.of(new Value.Point(new TreeMap<>(), s.value(), t))
                    : ((Value.Vector) v).points();
            for (Value.Point p : points) {
              StepValues sv = byIdentity.get(p.labels());
              if (sv == null) {
                sv = byLabels.computeIfAbsent(p.labels(), x -> new StepValues(steps));
                if (byIdentity.size() < IDENTITY_CACHE) {
                  byIdentity.put(p.labels(), sv);
                }
              }
              sv.add(t, p.value());
            }
          }
          List<Value.Series> out = new ArrayList<>(byLabels.size());
          byLabels.forEach((l, sv) -> out.add(sv.series(l)));
          out.sort((a, b) -> a.labels().toString().compareTo(b.labels().toString()));
          return new Value.Matrix(out);
        });
  }

  /**
   * How many label-set objects a range query remembers by identity: a bound for the label sets that
   * operators make anew at every step, which never hit.
   */
  private static final int IDENTITY_CACHE = 20_000;

  /** One output series' points as they are evaluated, step by step. */
  private static final class StepValues {
    private final long[] times;
    private final double[] values;
    private int size;

    StepValues(int steps) {
      times = new long[steps];
      values = new double[steps];
    }

    void add(long t, double v) {
      times[size] = t;
      values[size] = v;
      size++;
    }

    Value.Series series(SortedMap<String, String> labels) {
      return new Value.Series(labels, Arrays.copyOf(times, size), Arrays.copyOf(values, size));
    }
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
