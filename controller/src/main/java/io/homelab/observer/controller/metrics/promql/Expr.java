package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.tsdb.LabelMatcher;
import java.util.List;

/** The PromQL syntax tree. */
sealed interface Expr {

  /** What an expression evaluates to, for the parser's type checks. */
  enum Type {
    SCALAR,
    VECTOR,
    MATRIX,
    STRING
  }

  Type type();

  record NumberLiteral(double value) implements Expr {
    public Type type() {
      return Type.SCALAR;
    }
  }

  record StringLiteral(String value) implements Expr {
    public Type type() {
      return Type.STRING;
    }
  }

  /** {@code name{matchers} offset o}. */
  record VectorSelector(String name, List<LabelMatcher> matchers, long offsetMillis)
      implements Expr {
    public Type type() {
      return Type.VECTOR;
    }
  }

  /** {@code selector[range]}. */
  record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr {
    public Type type() {
      return Type.MATRIX;
    }
  }

  /** {@code expr[range:step] offset o}; step 0 = the default evaluation interval. */
  record Subquery(Expr expr, long rangeMillis, long stepMillis, long offsetMillis) implements Expr {
    public Type type() {
      return Type.MATRIX;
    }
  }

  record Call(String function, List<Expr> args, Type returns) implements Expr {
    public Type type() {
      return returns;
    }
  }

  /** {@code op [by|without (labels)] ([param,] expr)}. */
  record Aggregate(String op, Expr expr, Expr param, List<String> grouping, boolean without)
      implements Expr {
    public Type type() {
      return Type.VECTOR;
    }
  }

  /** How the two sides of a binary operator between vectors are matched. */
  enum Cardinality {
    ONE_TO_ONE,
    MANY_TO_ONE,
    ONE_TO_MANY,
    MANY_TO_MANY
  }

  record Matching(Cardinality card, List<String> labels, boolean on, List<String> include) {}

  record Binary(String op, Expr lhs, Expr rhs, Matching matching, boolean returnBool)
      implements Expr {
    public Type type() {
      return lhs.type() == Type.SCALAR && rhs.type() == Type.SCALAR ? Type.SCALAR : Type.VECTOR;
    }
  }

  record Unary(String op, Expr expr) implements Expr {
    public Type type() {
      return expr.type();
    }
  }

  record Paren(Expr expr) implements Expr {
    public Type type() {
      return expr.type();
    }
  }
}
