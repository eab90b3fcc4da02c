package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.QueryException;
import io.homelab.observer.controller.metrics.tsdb.StaleMarker;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a parsed expression at one time. The samples of every selector are read once for the
 * whole query (instant or range) and then sliced per step, so a range query costs one store read
 * per selector, not one per step.
 */
final class Evaluator {

  static final long LOOKBACK = 5 * 60_000L;

  private final Storage storage;
  private final long defaultStep;
  private final Map<Expr.VectorSelector, SelectedSeries> data = new IdentityHashMap<>();

  Evaluator(Storage storage, Expr root, long start, long end, long defaultStep) {
    this.storage = storage;
    this.defaultStep = defaultStep;
    prefetch(root, start, end);
  }

  /**
   * Reads, for every selector, the samples any step can need (ranges, offsets and subqueries
   * included).
   */
  private void prefetch(Expr e, long start, long end) {
    if (e instanceof Expr.VectorSelector v) {
      data.put(
          v,
          new SelectedSeries(
              storage.select(
                  v.matchers(), start - v.offsetMillis() - LOOKBACK, end - v.offsetMillis()),
              false));
    } else if (e instanceof Expr.MatrixSelector m) {
      Expr.VectorSelector v = m.selector();
      data.put(
          v,
          new SelectedSeries(
              storage.select(
                  v.matchers(), start - v.offsetMillis() - m.rangeMillis(), end - v.offsetMillis()),
              true));
    } else if (e instanceof Expr.Subquery s) {
      prefetch(s.expr(), start - s.offsetMillis() - s.rangeMillis(), end - s.offsetMillis());
    } else if (e instanceof Expr.Call c) {
      c.args().forEach(a -> prefetch(a, start, end));
    } else if (e instanceof Expr.Aggregate a) {
      prefetch(a.expr(), start, end);
      if (a.param() != null) {
        prefetch(a.param(), start, end);
      }
    } else if (e instanceof Expr.Binary b) {
      prefetch(b.lhs(), start, end);
      prefetch(b.rhs(), start, end);
    } else if (e instanceof Expr.Unary u) {
      prefetch(u.expr(), start, end);
    } else if (e instanceof Expr.Paren p) {
      prefetch(p.expr(), start, end);
    }
  }

  Value eval(Expr e, long t) {
    if (e instanceof Expr.NumberLiteral n) {
      return new Value.Scalar(n.value());
    } else if (e instanceof Expr.StringLiteral s) {
      return new Value.Str(s.value());
    } else if (e instanceof Expr.Paren p) {
      return eval(p.expr(), t);
    } else if (e instanceof Expr.VectorSelector v) {
      return instantSelect(v, t);
    } else if (e instanceof Expr.MatrixSelector m) {
      return rangeSelect(m, t);
    } else if (e instanceof Expr.Subquery s) {
      return subquery(s, t);
    } else if (e instanceof Expr.Unary u) {
      Value v = eval(u.expr(), t);
      if (v instanceof Value.Scalar sc) {
        return new Value.Scalar(-sc.value());
      }
      List<Value.Point> out = new ArrayList<>();
      for (Value.Point p : ((Value.Vector) v).points()) {
        out.add(new Value.Point(Labels.dropName(p.labels()), -p.value(), p.t()));
      }
      return new Value.Vector(out);
    } else if (e instanceof Expr.Binary b) {
      return BinaryOps.eval(b, eval(b.lhs(), t), eval(b.rhs(), t));
    } else if (e instanceof Expr.Aggregate a) {
      Value param = a.param() == null ? null : eval(a.param(), t);
      return Aggregations.eval(a, (Value.Vector) eval(a.expr(), t), param);
    } else if (e instanceof Expr.Call c) {
      return Functions.call(this, c, t);
    }
    throw new QueryException("execution", "cannot evaluate " + e);
  }

  private Value.Vector instantSelect(Expr.VectorSelector v, long t) {
    long ref = t - v.offsetMillis();
    SelectedSeries sel = data.get(v);
    List<Value.Point> out = new ArrayList<>();
    for (int i = 0; i < sel.size(); i++) {
      int k = sel.firstAfter(i, ref) - 1;
      if (k < 0) {
        continue;
      }
      long st = sel.times(i)[k];
      double sv = sel.values(i)[k];
      if (st < ref - LOOKBACK || StaleMarker.is(sv)) {
        continue;
      }
      out.add(new Value.Point(sel.labels(i), sv, st));
    }
    return new Value.Vector(out);
  }

  /**
   * A matrix selector's samples at {@code t}, copied out (range functions use {@link #windows}).
   */
  Value.Matrix rangeSelect(Expr.MatrixSelector m, long t) {
    long[] w = window(m, t);
    SelectedSeries sel = data.get(m.selector());
    List<Value.Series> out = new ArrayList<>();
    for (int i = 0; i < sel.size(); i++) {
      int from = sel.firstAtOrAfter(i, w[0]);
      int to = sel.firstAfter(i, w[1]);
      if (from < to) {
        out.add(sel.slice(i, from, to));
      }
    }
    return new Value.Matrix(out);
  }

  /**
   * A matrix selector's samples for the whole query, stale markers left out, for range functions to
   * window in place.
   */
  SelectedSeries windows(Expr.MatrixSelector m) {
    return data.get(m.selector());
  }

  private Value.Matrix subquery(Expr.Subquery s, long t) {
    long step = s.stepMillis() > 0 ? s.stepMillis() : defaultStep;
    long end = t - s.offsetMillis();
    long start = end - s.rangeMillis();
    long first = Math.floorDiv(start, step) * step;
    if (first < start) {
      first += step;
    }
    Map<java.util.SortedMap<String, String>, List<long[]>> times = new java.util.LinkedHashMap<>();
    Map<java.util.SortedMap<String, String>, List<Double>> values = new java.util.HashMap<>();
    for (long ts = first; ts <= end; ts += step) {
      Value v = eval(s.expr(), ts);
      for (Value.Point p : ((Value.Vector) v).points()) {
        times.computeIfAbsent(p.labels(), k -> new ArrayList<>()).add(new long[] {ts});
        values.computeIfAbsent(p.labels(), k -> new ArrayList<>()).add(p.value());
      }
    }
    List<Value.Series> out = new ArrayList<>();
    times.forEach(
        (l, ts) -> {
          List<Double> vs = values.get(l);
          long[] ta = new long[ts.size()];
          double[] va = new double[ts.size()];
          for (int k = 0; k < ta.length; k++) {
            ta[k] = ts.get(k)[0];
            va[k] = vs.get(k);
          }
          out.add(new Value.Series(l, ta, va));
        });
    return new Value.Matrix(out);
  }

  /** The evaluation of a matrix argument (a selector or a subquery). */
  Value.Matrix matrix(Expr e, long t) {
    Expr inner = e;
    while (inner instanceof Expr.Paren p) {
      inner = p.expr();
    }
    return (Value.Matrix) eval(inner, t);
  }

  /** The time window a matrix argument covers at {@code t}: {start, end}. */
  static long[] window(Expr e, long t) {
    Expr inner = e;
    while (inner instanceof Expr.Paren p) {
      inner = p.expr();
    }
    if (inner instanceof Expr.MatrixSelector m) {
      long end = t - m.selector().offsetMillis();
      return new long[] {end - m.rangeMillis(), end};
    }
    Expr.Subquery s = (Expr.Subquery) inner;
    long end = t - s.offsetMillis();
    return new long[] {end - s.rangeMillis(), end};
  }
}
