package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.tsdb.LabelMatcher;
import java.util.ArrayList;
import java.util.List;

/** The selector syntax: {@code name{label op "value", ...}} and {@code (label, ...)} lists. */
final class SelectorParser {

  private SelectorParser() {}

  static Expr selector(TokenStream ts, String name, int pos) {
    List<LabelMatcher> matchers = new ArrayList<>();
    if (name != null) {
      matchers.add(LabelMatcher.of(LabelMatcher.Type.EQ, "__name__", name));
    }
    if (ts.peek().kind() == Token.Kind.LBRACE) {
      ts.next();
      while (ts.peek().kind() != Token.Kind.RBRACE) {
        matchers.add(matcher(ts));
        if (ts.peek().kind() == Token.Kind.COMMA) {
          ts.next();
        } else if (ts.peek().kind() != Token.Kind.RBRACE) {
          throw ts.unexpected("label matching, expected \",\" or \"}\"");
        }
      }
      ts.next();
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

  private static LabelMatcher matcher(TokenStream ts) {
    Token label = ts.next();
    if (label.kind() != Token.Kind.IDENT && label.kind() != Token.Kind.STRING) {
      ts.back();
      throw ts.unexpected("label matching");
    }
    Token op = ts.next();
    LabelMatcher.Type type =
        switch (op.kind() == Token.Kind.OP ? op.text() : "") {
          case "=" -> LabelMatcher.Type.EQ;
          case "!=" -> LabelMatcher.Type.NEQ;
          case "=~" -> LabelMatcher.Type.RE;
          case "!~" -> LabelMatcher.Type.NRE;
          default -> {
            ts.back();
            throw ts.unexpected("label matching, expected one of \"=\", \"!=\", \"=~\" or \"!~\"");
          }
        };
    Token value = ts.expect(Token.Kind.STRING, "label matching, expected string");
    try {
      return LabelMatcher.of(type, label.text(), value.text());
    } catch (IllegalArgumentException e) {
      throw Lexer.error(value.pos(), e.getMessage());
    }
  }

  /** {@code (a, b, ...)} after {@code by}, {@code without}, {@code on}, {@code ignoring}. */
  static List<String> labelList(TokenStream ts) {
    ts.expect(Token.Kind.LPAREN, "grouping opts");
    List<String> labels = new ArrayList<>();
    while (ts.peek().kind() != Token.Kind.RPAREN) {
      Token t = ts.next();
      if (t.kind() != Token.Kind.IDENT) {
        ts.back();
        throw ts.unexpected("grouping opts");
      }
      labels.add(t.text());
      if (ts.peek().kind() == Token.Kind.COMMA) {
        ts.next();
      } else if (ts.peek().kind() != Token.Kind.RPAREN) {
        throw ts.unexpected("grouping opts, expected \",\" or \")\"");
      }
    }
    ts.next();
    return List.copyOf(labels);
  }
}
