package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.QueryException;
import io.homelab.observer.controller.metrics.tsdb.LabelMatcher;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The function calls: range functions over matrices, and the instant-vector and scalar functions.
 */
final class Functions {

  private Functions() {}

  static Value call(Evaluator ev, Expr.Call c, long t) {
    String f = c.function();
    List<Expr> args = c.args();
    Signatures.Signature sig = Signatures.of(f);
    if (!sig.args().isEmpty() && sig.args().contains(Expr.Type.MATRIX)) {
      return range(ev, c, t);
    }
    switch (f) {
      case "time":
        return new Value.Scalar(t / 1000.0);
      case "pi":
        return new Value.Scalar(Math.PI);
      case "vector":
        return new Value.Vector(
            List.of(new Value.Point(new TreeMap<>(), scalar(ev, args.get(0), t), t)));
      case "scalar":
        {
          List<Value.Point> ps = vector(ev, args.get(0), t).points();
          return new Value.Scalar(ps.size() == 1 ? ps.get(0).value() : Double.NaN);
        }
      case "histogram_quantile":
        return Histograms.quantile(scalar(ev, args.get(0), t), vector(ev, args.get(1), t));
      case "label_replace":
        return labelReplace(ev, args, t);
      case "absent":
        {
          Value.Vector v = vector(ev, args.get(0), t);
          return v.points().isEmpty() ? absent(args.get(0), t) : new Value.Vector(List.of());
        }
      case "sort", "sort_desc":
        {
          List<Value.Point> ps = new ArrayList<>(vector(ev, args.get(0), t).points());
          Comparator<Value.Point> cmp = Comparator.comparingDouble(Value.Point::value);
          ps.sort(f.equals("sort") ? cmp : cmp.reversed());
          return new Value.Vector(ps);
        }
      case "timestamp":
        return map(vector(ev, args.get(0), t), p -> p.t() / 1000.0);
      case "round":
        {
          double to = args.size() > 1 ? scalar(ev, args.get(1), t) : 1;
          double inv = 1.0 / to;
          return map(vector(ev, args.get(0), t), p -> Math.floor(p.value() * inv + 0.5) / inv);
        }
      case "clamp":
        {
          double lo = scalar(ev, args.get(1), t);
          double hi = scalar(ev, args.get(2), t);
          if (lo > hi) {
            return new Value.Vector(List.of());
          }
          return map(vector(ev, args.get(0), t), p -> Math.max(lo, Math.min(hi, p.value())));
        }
      case "clamp_min":
        {
          double lo = scalar(ev, args.get(1), t);
          return map(vector(ev, args.get(0), t), p -> Math.max(lo, p.value()));
        }
      case "clamp_max":
        {
          double hi = scalar(ev, args.get(1), t);
          return map(vector(ev, args.get(0), t), p -> Math.min(hi, p.value()));
        }
      default:
        break;
    }
    if (sig.optional() == 1 && sig.args().size() == 1) {
      Value.Vector v =
          args.isEmpty()
              ? new Value.Vector(List.of(new Value.Point(new TreeMap<>(), t / 1000.0, t)))
              : vector(ev, args.get(0), t);
      return map(v, p -> dateField(f, p.value()));
    }
    DoubleUnaryOperator op =
        switch (f) {
          case "abs" -> Math::abs;
          case "ceil" -> Math::ceil;
          case "floor" -> Math::floor;
          case "exp" -> Math::exp;
          case "ln" -> Math::log;
          case "log2" -> x -> Math.log(x) / Math.log(2);
          case "log10" -> Math::log10;
          case "sqrt" -> Math::sqrt;
          case "sgn" -> Math::signum;
          case "deg" -> Math::toDegrees;
          case "rad" -> Math::toRadians;
          default -> throw new QueryException("bad_data", "function " + f + " is not supported");
        };
    return map(vector(ev, args.get(0), t), p -> op.applyAsDouble(p.value()));
  }

  private static Value range(Evaluator ev, Expr.Call c, long t) {
    String f = c.function();
    int matrixArg = c.args().get(0).type() == Expr.Type.MATRIX ? 0 : 1;
    Expr m = c.args().get(matrixArg);
    double param = Double.NaN;
    if (c.args().size() > 1) {
      param = scalar(ev, c.args().get(matrixArg == 0 ? 1 : 0), t);
    }
    long[] window = Evaluator.window(m, t);
    Expr inner = m;
    while (inner instanceof Expr.Paren p) {
      inner = p.expr();
    }
    if (inner instanceof Expr.MatrixSelector selector) {
      return overWindows(ev.windows(selector), f, m, window, param, t);
    }
    Value.Matrix matrix = ev.matrix(m, t);
    if (f.equals("absent_over_time")) {
      return matrix.series().isEmpty() ? absent(m, t) : new Value.Vector(List.of());
    }
    List<Value.Point> out = new ArrayList<>();
    for (Value.Series s : matrix.series()) {
      long[] ts = s.times();
      if (RangeFunctions.defined(f, ts, 0, ts.length)) {
        double v =
            RangeFunctions.apply(f, ts, s.values(), 0, ts.length, window[0], window[1], param);
        SortedMap<String, String> labels =
            f.equals("last_over_time") ? s.labels() : Labels.dropName(s.labels());
        out.add(new Value.Point(labels, v, t));
      }
    }
    return new Value.Vector(out);
  }

  /**
   * A range function over a selector's samples: each series' window is found by sliding on from the
   * previous step's and read in place, with no copy of the samples and no labels made per step.
   */
  private static Value overWindows(
      SelectedSeries sel, String f, Expr m, long[] window, double param, long t) {
    boolean absent = f.equals("absent_over_time");
    boolean keepName = f.equals("last_over_time");
    List<Value.Point> out = new ArrayList<>();
    for (int i = 0; i < sel.size(); i++) {
      int from = sel.firstAtOrAfter(i, window[0]);
      int to = sel.firstAfter(i, window[1]);
      if (from >= to) {
        continue;
      }
      if (absent) {
        return new Value.Vector(List.of());
      }
      long[] ts = sel.times(i);
      if (RangeFunctions.defined(f, ts, from, to)) {
        double v =
            RangeFunctions.apply(f, ts, sel.values(i), from, to, window[0], window[1], param);
        out.add(new Value.Point(keepName ? sel.labels(i) : sel.labelsWithoutName(i), v, t));
      }
    }
    return absent ? absent(m, t) : new Value.Vector(out);
  }

  private static Value.Vector absent(Expr arg, long t) {
    Expr e = arg;
    while (e instanceof Expr.Paren p) {
      e = p.expr();
    }
    if (e instanceof Expr.MatrixSelector ms) {
      e = ms.selector();
    }
    TreeMap<String, String> labels = new TreeMap<>();
    if (e instanceof Expr.VectorSelector vs) {
      for (LabelMatcher m : vs.matchers()) {
        if (m.type() == LabelMatcher.Type.EQ && !m.name().equals(Labels.NAME)) {
          labels.put(m.name(), m.value());
        }
      }
    }
    return new Value.Vector(List.of(new Value.Point(labels, 1, t)));
  }

  private static Value labelReplace(Evaluator ev, List<Expr> args, long t) {
    Value.Vector v = vector(ev, args.get(0), t);
    String dst = ((Value.Str) ev.eval(args.get(1), t)).value();
    String replacement =
        ((Value.Str) ev.eval(args.get(2), t)).value().replaceAll("\\$\\{(\\d+)\\}", "\\$$1");
    String src = ((Value.Str) ev.eval(args.get(3), t)).value();
    Pattern re;
    try {
      re =
          Pattern.compile(
              "^(?:" + ((Value.Str) ev.eval(args.get(4), t)).value() + ")$", Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      throw new QueryException(
          "bad_data", "invalid regular expression in label_replace(): " + e.getDescription());
    }
    if (!dst.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
      throw new QueryException(
          "execution", "invalid destination label name in label_replace(): " + dst);
    }
    List<Value.Point> out = new ArrayList<>();
    for (Value.Point p : v.points()) {
      Matcher mt = re.matcher(p.labels().getOrDefault(src, ""));
      if (!mt.matches()) {
        out.add(p);
        continue;
      }
      StringBuilder sb = new StringBuilder();
      try {
        mt.appendReplacement(sb, replacement);
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        sb.setLength(0);
      }
      TreeMap<String, String> l = new TreeMap<>(p.labels());
      if (sb.length() == 0) {
        l.remove(dst);
      } else {
        l.put(dst, sb.toString());
      }
      out.add(new Value.Point(l, p.value(), p.t()));
    }
    return new Value.Vector(out);
  }

  private static double dateField(String f, double seconds) {
    ZonedDateTime d = Instant.ofEpochMilli((long) (seconds * 1000)).atZone(ZoneOffset.UTC);
    return switch (f) {
      case "day_of_month" -> d.getDayOfMonth();
      case "day_of_week" -> d.getDayOfWeek().getValue() % 7;
      case "day_of_year" -> d.getDayOfYear();
      case "days_in_month" -> d.toLocalDate().lengthOfMonth();
      case "hour" -> d.getHour();
      case "minute" -> d.getMinute();
      case "month" -> d.getMonthValue();
      default -> d.getYear();
    };
  }

  private interface PointOp {
    double apply(Value.Point p);
  }

  private static Value.Vector map(Value.Vector v, PointOp op) {
    List<Value.Point> out = new ArrayList<>();
    for (Value.Point p : v.points()) {
      out.add(new Value.Point(Labels.dropName(p.labels()), op.apply(p), p.t()));
    }
    return new Value.Vector(out);
  }

  private static double scalar(Evaluator ev, Expr e, long t) {
    return ((Value.Scalar) ev.eval(e, t)).value();
  }

  private static Value.Vector vector(Evaluator ev, Expr e, long t) {
    return (Value.Vector) ev.eval(e, t);
  }
}
