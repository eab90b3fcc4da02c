package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.QueryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Binary operators with Prometheus's semantics: arithmetic drops the metric name, comparisons
 * filter unless {@code bool}, vectors match one-to-one on all labels but the name unless {@code
 * on}/{@code ignoring} say otherwise, {@code group_left}/{@code group_right} allow many-to-one and
 * copy the listed labels from the "one" side.
 */
final class BinaryOps {

  private static final Set<String> COMPARISON = Set.of("==", "!=", ">", "<", ">=", "<=");

  private BinaryOps() {}

  static Value eval(Expr.Binary b, Value l, Value r) {
    String op = b.op();
    if (l instanceof Value.Scalar ls && r instanceof Value.Scalar rs) {
      double v = apply(op, ls.value(), rs.value());
      return new Value.Scalar(COMPARISON.contains(op) ? (v != 0 ? 1 : 0) : v);
    }
    if (l instanceof Value.Vector lv && r instanceof Value.Scalar rs) {
      return scalarSide(op, lv, rs.value(), false, b.returnBool());
    }
    if (l instanceof Value.Scalar ls && r instanceof Value.Vector rv) {
      return scalarSide(op, rv, ls.value(), true, b.returnBool());
    }
    Value.Vector lv = (Value.Vector) l;
    Value.Vector rv = (Value.Vector) r;
    return switch (op) {
      case "and", "unless" -> setFilter(lv, rv, b.matching(), op.equals("and"));
      case "or" -> or(lv, rv, b.matching());
      default -> vectors(b, lv, rv);
    };
  }

  /** The arithmetic result, or for comparisons 1 (true) / 0 (false). */
  static double apply(String op, double a, double b) {
    return switch (op) {
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      case "/" -> a / b;
      case "%" -> a % b;
      case "^" -> Math.pow(a, b);
      case "atan2" -> Math.atan2(a, b);
      case "==" -> a == b ? 1 : 0;
      case "!=" -> a != b ? 1 : 0;
      case ">" -> a > b ? 1 : 0;
      case "<" -> a < b ? 1 : 0;
      case ">=" -> a >= b ? 1 : 0;
      case "<=" -> a <= b ? 1 : 0;
      default -> throw new QueryException("bad_data", "unknown operator " + op);
    };
  }

  private static Value.Vector scalarSide(
      String op, Value.Vector v, double s, boolean scalarLeft, boolean bool) {
    boolean cmp = COMPARISON.contains(op);
    List<Value.Point> out = new ArrayList<>();
    for (Value.Point p : v.points()) {
      double a = scalarLeft ? s : p.value();
      double b = scalarLeft ? p.value() : s;
      double res = apply(op, a, b);
      if (cmp && !bool) {
        if (res != 0) {
          out.add(new Value.Point(p.labels(), p.value(), p.t()));
        }
        continue;
      }
      out.add(new Value.Point(Labels.dropName(p.labels()), res, p.t()));
    }
    return new Value.Vector(out);
  }

  static SortedMap<String, String> signature(SortedMap<String, String> l, Expr.Matching m) {
    TreeMap<String, String> sig = new TreeMap<>();
    if (m.on()) {
      for (String n : m.labels()) {
        String v = l.get(n);
        if (v != null) {
          sig.put(n, v);
        }
      }
    } else {
      sig.putAll(l);
      sig.remove(Labels.NAME);
      m.labels().forEach(sig::remove);
    }
    return sig;
  }

  private static Value.Vector setFilter(
      Value.Vector l, Value.Vector r, Expr.Matching m, boolean keepMatching) {
    Set<SortedMap<String, String>> right = new HashSet<>();
    r.points().forEach(p -> right.add(signature(p.labels(), m)));
    List<Value.Point> out = new ArrayList<>();
    for (Value.Point p : l.points()) {
      if (right.contains(signature(p.labels(), m)) == keepMatching) {
        out.add(p);
      }
    }
    return new Value.Vector(out);
  }

  private static Value.Vector or(Value.Vector l, Value.Vector r, Expr.Matching m) {
    Set<SortedMap<String, String>> left = new HashSet<>();
    List<Value.Point> out = new ArrayList<>(l.points());
    l.points().forEach(p -> left.add(signature(p.labels(), m)));
    for (Value.Point p : r.points()) {
      if (!left.contains(signature(p.labels(), m))) {
        out.add(p);
      }
    }
    return new Value.Vector(out);
  }

  private static Value.Vector vectors(Expr.Binary b, Value.Vector l, Value.Vector r) {
    Expr.Matching m = b.matching();
    String op = b.op();
    boolean swap = m.card() == Expr.Cardinality.ONE_TO_MANY;
    Value.Vector many = swap ? r : l;
    Value.Vector one = swap ? l : r;
    Map<SortedMap<String, String>, Value.Point> oneSide = new HashMap<>();
    for (Value.Point p : one.points()) {
      if (oneSide.put(signature(p.labels(), m), p) != null) {
        throw new QueryException(
            "execution",
            "found duplicate series for the match group "
                + signature(p.labels(), m)
                + " on the "
                + (swap ? "left" : "right")
                + " hand-side of the operation: ["
                + p.labels()
                + "];many-to-many matching not allowed: matching labels must be unique on one side");
      }
    }
    boolean cmp = COMPARISON.contains(op);
    Set<SortedMap<String, String>> seenOneToOne = new HashSet<>();
    Set<SortedMap<String, String>> results = new HashSet<>();
    List<Value.Point> out = new ArrayList<>();
    for (Value.Point p : many.points()) {
      SortedMap<String, String> sig = signature(p.labels(), m);
      Value.Point o = oneSide.get(sig);
      if (o == null) {
        continue;
      }
      if (m.card() == Expr.Cardinality.ONE_TO_ONE && !seenOneToOne.add(sig)) {
        throw new QueryException(
            "execution",
            "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
      }
      Value.Point lp = swap ? o : p;
      Value.Point rp = swap ? p : o;
      double res = apply(op, lp.value(), rp.value());
      double value;
      if (cmp && !b.returnBool()) {
        if (res == 0) {
          continue;
        }
        value = lp.value();
      } else {
        value = res;
      }
      SortedMap<String, String> labels = resultLabels(p.labels(), o.labels(), op, m);
      if (b.returnBool()) {
        labels = Labels.dropName(labels);
      }
      if (!results.add(labels)) {
        throw new QueryException(
            "execution", "multiple matches for labels: grouping labels must ensure unique matches");
      }
      out.add(new Value.Point(labels, value, p.t()));
    }
    return new Value.Vector(out);
  }

  private static SortedMap<String, String> resultLabels(
      SortedMap<String, String> many, SortedMap<String, String> one, String op, Expr.Matching m) {
    TreeMap<String, String> l = new TreeMap<>(many);
    if (!COMPARISON.contains(op)) {
      l.remove(Labels.NAME);
    }
    if (m.card() == Expr.Cardinality.ONE_TO_ONE) {
      if (m.on()) {
        l.keySet().retainAll(new HashSet<>(m.labels()));
      } else {
        m.labels().forEach(l::remove);
      }
    } else {
      for (String n : m.include()) {
        String v = one.get(n);
        if (v != null && !v.isEmpty()) {
          l.put(n, v);
        } else {
          l.remove(n);
        }
      }
    }
    return l;
  }
}
