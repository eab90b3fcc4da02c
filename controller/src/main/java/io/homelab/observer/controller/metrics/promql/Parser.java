package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.QueryException;
import io.homelab.observer.controller.metrics.promql.Expr.Type;
import io.homelab.observer.controller.metrics.tsdb.LabelMatcher;
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

  private final List<Token> tokens;
  private int i;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Expr parse(String query) {
    if (query == null || query.isBlank()) {
      throw new QueryException("bad_data", "1:1: parse error: no expression found in input");
    }
    Parser p = new Parser(Lexer.lex(query));
    Expr e = p.expr(0);
    if (p.peek().kind() != Token.Kind.EOF) {
      throw p.unexpected("");
    }
    return e;
  }

  private Token peek() {
    return tokens.get(i);
  }

  private Token next() {
    return tokens.get(i++);
  }

  private Token expect(Token.Kind k, String context) {
    Token t = next();
    if (t.kind() != k) {
      i--;
      throw unexpected(context);
    }
    return t;
  }

  private QueryException unexpected(String context) {
    Token t = peek();
    String what = t.kind() == Token.Kind.EOF ? "end of input" : "\"" + t.text() + "\"";
    return Lexer.error(t.pos(), "unexpected " + what + (context.isEmpty() ? "" : " in " + context));
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
      Token opTok = peek();
      int prec = precedence(opTok);
      if (prec < 0 || prec < minPrec) {
        return lhs;
      }
      next();
      String op =
          opTok.kind() == Token.Kind.OP ? opTok.text() : opTok.text().toLowerCase(Locale.ROOT);
      boolean returnBool = false;
      if (peek().isKeyword("bool")) {
        if (!COMPARISONS.contains(op)) {
          throw Lexer.error(peek().pos(), "bool modifier can only be used on comparison operators");
        }
        next();
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
    if (peek().isKeyword("on") || peek().isKeyword("ignoring")) {
      on = next().isKeyword("on");
      labels = labelList();
      if (peek().isKeyword("group_left") || peek().isKeyword("group_right")) {
        if (set) {
          throw Lexer.error(peek().pos(), "no grouping allowed for \"" + op + "\" operation");
        }
        card =
            next().isKeyword("group_left")
                ? Expr.Cardinality.MANY_TO_ONE
                : Expr.Cardinality.ONE_TO_MANY;
        include = peek().kind() == Token.Kind.LPAREN ? labelList() : List.of();
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
    Token t = peek();
    if (t.isOp("-") || t.isOp("+")) {
      next();
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
      Token t = peek();
      if (t.kind() == Token.Kind.LBRACKET) {
        next();
        long range = duration("range");
        if (peek().kind() == Token.Kind.COLON) {
          next();
          long step = peek().kind() == Token.Kind.DURATION ? duration("subquery") : 0;
          expect(Token.Kind.RBRACKET, "subquery");
          if (e.type() != Type.VECTOR) {
            throw Lexer.error(
                t.pos(), "subquery is only allowed on instant vector, got " + typeName(e.type()));
          }
          e = new Expr.Subquery(e, range, step, 0);
        } else {
          expect(Token.Kind.RBRACKET, "range selector");
          if (!(e instanceof Expr.VectorSelector vs)) {
            throw Lexer.error(t.pos(), "ranges only allowed for vector selectors");
          }
          e = new Expr.MatrixSelector(vs, range);
        }
      } else if (t.isKeyword("offset")) {
        next();
        boolean negative = false;
        if (peek().isOp("-")) {
          next();
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
    Token t = expect(Token.Kind.DURATION, context);
    long ms = Lexer.durationMillis(t.text());
    if (ms <= 0 && !context.equals("offset")) {
      throw Lexer.error(t.pos(), "duration must be greater than 0");
    }
    return ms;
  }

  private Expr primary() {
    Token t = next();
    switch (t.kind()) {
      case NUMBER -> {
        return new Expr.NumberLiteral(Double.parseDouble(t.text()));
      }
      case STRING -> {
        return new Expr.StringLiteral(t.text());
      }
      case LPAREN -> {
        Expr e = expr(0);
        expect(Token.Kind.RPAREN, "parenthesized expression");
        return new Expr.Paren(e);
      }
      case LBRACE -> {
        i--;
        return selector(null, t.pos());
      }
      case IDENT -> {
        String name = t.text();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan")) {
          return new Expr.NumberLiteral(
              lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
        }
        if (AGGREGATIONS.contains(lower)
            && (peek().kind() == Token.Kind.LPAREN
                || peek().isKeyword("by")
                || peek().isKeyword("without"))) {
          return AggregateParser.parse(this, lower, t.pos());
        }
        if (peek().kind() == Token.Kind.LPAREN) {
          return call(name, t.pos());
        }
        return selector(name, t.pos());
      }
      default -> {
        i--;
        throw unexpected("expression");
      }
    }
  }

  private Expr call(String name, int pos) {
    Signatures.Signature sig = Signatures.of(name);
    if (sig == null) {
      throw Lexer.error(pos, "unknown function with name \"" + name + "\"");
    }
    expect(Token.Kind.LPAREN, "function call");
    List<Expr> args = new ArrayList<>();
    if (peek().kind() != Token.Kind.RPAREN) {
      args.add(expr(0));
      while (peek().kind() == Token.Kind.COMMA) {
        next();
        args.add(expr(0));
      }
    }
    expect(Token.Kind.RPAREN, "function call");
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

  private Expr selector(String name, int pos) {
    List<LabelMatcher> matchers = new ArrayList<>();
    if (name != null) {
      matchers.add(LabelMatcher.of(LabelMatcher.Type.EQ, "__name__", name));
    }
    if (peek().kind() == Token.Kind.LBRACE) {
      next();
      while (peek().kind() != Token.Kind.RBRACE) {
        Token label = next();
        if (label.kind() != Token.Kind.IDENT && label.kind() != Token.Kind.STRING) {
          i--;
          throw unexpected("label matching");
        }
        Token op = next();
        LabelMatcher.Type type =
            switch (op.kind() == Token.Kind.OP ? op.text() : "") {
              case "=" -> LabelMatcher.Type.EQ;
              case "!=" -> LabelMatcher.Type.NEQ;
              case "=~" -> LabelMatcher.Type.RE;
              case "!~" -> LabelMatcher.Type.NRE;
              default -> {
                i--;
                throw unexpected("label matching, expected one of \"=\", \"!=\", \"=~\" or \"!~\"");
              }
            };
        Token value = expect(Token.Kind.STRING, "label matching, expected string");
        try {
          matchers.add(LabelMatcher.of(type, label.text(), value.text()));
        } catch (IllegalArgumentException e) {
          throw Lexer.error(value.pos(), e.getMessage());
        }
        if (peek().kind() == Token.Kind.COMMA) {
          next();
        } else if (peek().kind() != Token.Kind.RBRACE) {
          throw unexpected("label matching, expected \",\" or \"}\"");
        }
      }
      next();
    }
    if (matchers.isEmpty()) {
      throw Lexer.error(pos, "vector selector must contain at least one non-empty matcher");
    }
    if (matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
      throw Lexer.error(pos, "vector selector must contain at least one non-empty matcher");
    }
    String metric = name;
    for (LabelMatcher m : matchers) {
      if (m.name().equals("__name__") && m.type() == LabelMatcher.Type.EQ) {
        metric = m.value();
      }
    }
    return new Expr.VectorSelector(metric, List.copyOf(matchers), 0);
  }

  List<String> labelList() {
    expect(Token.Kind.LPAREN, "grouping opts");
    List<String> labels = new ArrayList<>();
    while (peek().kind() != Token.Kind.RPAREN) {
      Token t = next();
      if (t.kind() != Token.Kind.IDENT) {
        i--;
        throw unexpected("grouping opts");
      }
      labels.add(t.text());
      if (peek().kind() == Token.Kind.COMMA) {
        next();
      } else if (peek().kind() != Token.Kind.RPAREN) {
        throw unexpected("grouping opts, expected \",\" or \")\"");
      }
    }
    next();
    return List.copyOf(labels);
  }

  // Accessors for AggregateParser.
  Token peekToken() {
    return peek();
  }

  Token nextToken() {
    return next();
  }

  Token expectToken(Token.Kind k, String context) {
    return expect(k, context);
  }

  Expr parseExpr() {
    return expr(0);
  }
}
