package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.QueryException;
import io.homelab.observer.controller.metrics.promql.Expr.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent PromQL parser with precedence climbing for the binary operators (Prometheus's
 * precedence: {@code ^} right-associative above {@code * / %}, then {@code + -}, comparisons,
 * {@code and unless}, {@code or}). Errors are {@link QueryException} with {@code bad_data}.
 */
final class Parser {

  static final Set<String> AGGREGATIONS =
      Set.of(
          "sum",
          "avg",
          "min",
          "max",
          "count",
          "topk",
          "bottomk",
          "quantile",
          "stddev",
          "stdvar",
          "group",
          "count_values");
  private static final Set<String> COMPARISONS = Set.of("==", "!=", ">", "<", ">=", "<=");

  private final TokenStream ts;

  private Parser(TokenStream ts) {
    this.ts = ts;
  }

  static Expr parse(String query) {
    if (query == null || query.isBlank()) {
      throw new QueryException("bad_data", "1:1: parse error: no expression found in input");
    }
    Parser p = new Parser(new TokenStream(Lexer.lex(query)));
    Expr e = p.expr(0);
    if (p.ts.peek().kind() != Token.Kind.EOF) {
      throw p.ts.unexpected("");
    }
    return e;
  }

  /** Binary operator at the current token and its precedence, or -1. */
  private int precedence(Token t) {
    if (t.kind() == Token.Kind.OP) {
      return switch (t.text()) {
        case "^" -> 6;
        case "*", "/", "%" -> 5;
        case "+", "-" -> 4;
        case "==", "!=", ">", "<", ">=", "<=" -> 3;
        default -> -1;
      };
    }
    if (t.isKeyword("and") || t.isKeyword("unless")) {
      return 2;
    }
    if (t.isKeyword("or")) {
      return 1;
    }
    if (t.isKeyword("atan2")) {
      return 5;
    }
    return -1;
  }

  private Expr expr(int minPrec) {
    Expr lhs = unary();
    while (true) {
      Token opTok = ts.peek();
      int prec = precedence(opTok);
      if (prec < 0 || prec < minPrec) {
        return lhs;
      }
      ts.next();
      String op =
          opTok.kind() == Token.Kind.OP ? opTok.text() : opTok.text().toLowerCase(Locale.ROOT);
      boolean returnBool = false;
      if (ts.peek().isKeyword("bool")) {
        if (!COMPARISONS.contains(op)) {
          throw Lexer.error(
              ts.peek().pos(), "bool modifier can only be used on comparison operators");
        }
        ts.next();
        returnBool = true;
      }
      Expr.Matching matching = matching(op);
      // ^ is right-associative; all others are left-associative.
      Expr rhs = expr(op.equals("^") ? prec : prec + 1);
      lhs = binary(op, lhs, rhs, matching, returnBool, opTok.pos());
    }
  }

  private Expr.Matching matching(String op) {
    boolean set = op.equals("and") || op.equals("or") || op.equals("unless");
    Expr.Cardinality card = set ? Expr.Cardinality.MANY_TO_MANY : Expr.Cardinality.ONE_TO_ONE;
    List<String> labels = List.of();
    boolean on = false;
    List<String> include = List.of();
    if (ts.peek().isKeyword("on") || ts.peek().isKeyword("ignoring")) {
      on = ts.next().isKeyword("on");
      labels = SelectorParser.labelList(ts);
      if (ts.peek().isKeyword("group_left") || ts.peek().isKeyword("group_right")) {
        if (set) {
          throw Lexer.error(ts.peek().pos(), "no grouping allowed for \"" + op + "\" operation");
        }
        card =
            ts.next().isKeyword("group_left")
                ? Expr.Cardinality.MANY_TO_ONE
                : Expr.Cardinality.ONE_TO_MANY;
        include = ts.peek().kind() == Token.Kind.LPAREN ? SelectorParser.labelList(ts) : List.of();
      }
    }
    return new Expr.Matching(card, labels, on, include);
  }

  private Expr binary(String op, Expr lhs, Expr rhs, Expr.Matching m, boolean returnBool, int pos) {
    boolean set = op.equals("and") || op.equals("or") || op.equals("unless");
    if (set && (lhs.type() == Type.SCALAR || rhs.type() == Type.SCALAR)) {
      throw Lexer.error(pos, "set operator \"" + op + "\" not allowed in binary scalar expression");
    }
    if (COMPARISONS.contains(op)
        && !returnBool
        && lhs.type() == Type.SCALAR
        && rhs.type() == Type.SCALAR) {
      throw Lexer.error(pos, "comparisons between scalars must use BOOL modifier");
    }
    for (Expr side : List.of(lhs, rhs)) {
      if (side.type() != Type.SCALAR && side.type() != Type.VECTOR) {
        throw Lexer.error(
            pos, "binary expression must contain only scalar and instant vector types");
      }
    }
    if ((lhs.type() == Type.SCALAR || rhs.type() == Type.SCALAR)
        && (!m.labels().isEmpty() || m.on())) {
      throw Lexer.error(pos, "vector matching only allowed between instant vectors");
    }
    return new Expr.Binary(op, lhs, rhs, m, returnBool);
  }

  private Expr unary() {
    Token t = ts.peek();
    if (t.isOp("-") || t.isOp("+")) {
      ts.next();
      // Unary minus binds looser than ^ (-2^2 is -4), tighter than * and /.
      Expr e = expr(6);
      if (e.type() != Type.SCALAR && e.type() != Type.VECTOR) {
        throw Lexer.error(
            t.pos(),
            "unary expression only allowed on expressions of type scalar or instant vector");
      }
      if (t.isOp("+")) {
        return e;
      }
      if (e instanceof Expr.NumberLiteral n) {
        return new Expr.NumberLiteral(-n.value());
      }
      return new Expr.Unary("-", e);
    }
    return postfix(primary());
  }

  private Expr postfix(Expr e) {
    while (true) {
      Token t = ts.peek();
      if (t.kind() == Token.Kind.LBRACKET) {
        ts.next();
        long range = duration("range");
        if (ts.peek().kind() == Token.Kind.COLON) {
          ts.next();
          long step = ts.peek().kind() == Token.Kind.DURATION ? duration("subquery") : 0;
          ts.expect(Token.Kind.RBRACKET, "subquery");
          if (e.type() != Type.VECTOR) {
            throw Lexer.error(
                t.pos(), "subquery is only allowed on instant vector, got " + typeName(e.type()));
          }
          e = new Expr.Subquery(e, range, step, 0);
        } else {
          ts.expect(Token.Kind.RBRACKET, "range selector");
          if (!(e instanceof Expr.VectorSelector vs)) {
            throw Lexer.error(t.pos(), "ranges only allowed for vector selectors");
          }
          e = new Expr.MatrixSelector(vs, range);
        }
      } else if (t.isKeyword("offset")) {
        ts.next();
        boolean negative = false;
        if (ts.peek().isOp("-")) {
          ts.next();
          negative = true;
        }
        long off = duration("offset") * (negative ? -1 : 1);
        if (e instanceof Expr.VectorSelector v) {
          e = new Expr.VectorSelector(v.name(), v.matchers(), off);
        } else if (e instanceof Expr.MatrixSelector m) {
          e =
              new Expr.MatrixSelector(
                  new Expr.VectorSelector(m.selector().name(), m.selector().matchers(), off),
                  m.rangeMillis());
        } else if (e instanceof Expr.Subquery s) {
          e = new Expr.Subquery(s.expr(), s.rangeMillis(), s.stepMillis(), off);
        } else {
          throw Lexer.error(
              t.pos(),
              "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        }
      } else {
        return e;
      }
    }
  }

  private long duration(String context) {
    Token t = ts.expect(Token.Kind.DURATION, context);
    long ms = Lexer.durationMillis(t.text());
    if (ms <= 0 && !context.equals("offset")) {
      throw Lexer.error(t.pos(), "duration must be greater than 0");
    }
    return ms;
  }

  private Expr primary() {
    Token t = ts.next();
    switch (t.kind()) {
      case NUMBER -> {
        return new Expr.NumberLiteral(Double.parseDouble(t.text()));
      }
      case STRING -> {
        return new Expr.StringLiteral(t.text());
      }
      case LPAREN -> {
        Expr e = expr(0);
        ts.expect(Token.Kind.RPAREN, "parenthesized expression");
        return new Expr.Paren(e);
      }
      case LBRACE -> {
        ts.back();
        return SelectorParser.selector(ts, null, t.pos());
      }
      case IDENT -> {
        String name = t.text();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan")) {
          return new Expr.NumberLiteral(
              lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
        }
        if (AGGREGATIONS.contains(lower)
            && (ts.peek().kind() == Token.Kind.LPAREN
                || ts.peek().isKeyword("by")
                || ts.peek().isKeyword("without"))) {
          return AggregateParser.parse(this, lower, t.pos());
        }
        if (ts.peek().kind() == Token.Kind.LPAREN) {
          return call(name, t.pos());
        }
        return SelectorParser.selector(ts, name, t.pos());
      }
      default -> {
        ts.back();
        throw ts.unexpected("expression");
      }
    }
  }

  private Expr call(String name, int pos) {
    Signatures.Signature sig = Signatures.of(name);
    if (sig == null) {
      throw Lexer.error(pos, "unknown function with name \"" + name + "\"");
    }
    ts.expect(Token.Kind.LPAREN, "function call");
    List<Expr> args = new ArrayList<>();
    if (ts.peek().kind() != Token.Kind.RPAREN) {
      args.add(expr(0));
      while (ts.peek().kind() == Token.Kind.COMMA) {
        ts.next();
        args.add(expr(0));
      }
    }
    ts.expect(Token.Kind.RPAREN, "function call");
    int min = sig.args().size() - sig.optional();
    if (args.size() < min || args.size() > sig.args().size()) {
      throw Lexer.error(
          pos,
          "expected "
              + sig.args().size()
              + " argument(s) in call to \""
              + name
              + "\", got "
              + args.size());
    }
    for (int k = 0; k < args.size(); k++) {
      checkType(args.get(k), sig.args().get(k), "call to function \"" + name + "\"", pos);
    }
    return new Expr.Call(name, args, sig.returns());
  }

  void checkType(Expr e, Type want, String where, int pos) {
    Expr inner = e;
    while (inner instanceof Expr.Paren p) {
      inner = p.expr();
    }
    Type have = inner.type();
    if (have != want) {
      throw Lexer.error(
          pos, "expected type " + typeName(want) + " in " + where + ", got " + typeName(have));
    }
  }

  static String typeName(Type t) {
    return switch (t) {
      case SCALAR -> "scalar";
      case VECTOR -> "instant vector";
      case MATRIX -> "range vector";
      case STRING -> "string";
    };
  }

  /** The cursor, for {@link AggregateParser}. */
  TokenStream tokens() {
    return ts;
  }

  Expr parseExpr() {
    return expr(0);
  }
}
