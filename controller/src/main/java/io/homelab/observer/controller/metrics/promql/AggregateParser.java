package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.promql.Expr.Type;
import java.util.List;
import java.util.Set;

/** The aggregation syntax: {@code op [by|without (l)] ([param,] expr) [by|without (l)]}. */
final class AggregateParser {

  private static final Set<String> WITH_PARAM =
      Set.of("topk", "bottomk", "quantile", "count_values");

  private AggregateParser() {}

  static Expr parse(Parser p, String op, int pos) {
    List<String> grouping = List.of();
    boolean without = false;
    boolean grouped = false;
    if (p.peekToken().isKeyword("by") || p.peekToken().isKeyword("without")) {
      without = p.nextToken().isKeyword("without");
      grouping = p.labelList();
      grouped = true;
    }
    p.expectToken(Token.Kind.LPAREN, "aggregation");
    Expr param = null;
    Expr e = p.parseExpr();
    if (WITH_PARAM.contains(op)) {
      p.expectToken(Token.Kind.COMMA, "aggregation, expected parameter and expression");
      param = e;
      e = p.parseExpr();
      p.checkType(
          param,
          op.equals("count_values") ? Type.STRING : Type.SCALAR,
          "aggregation parameter",
          pos);
    }
    p.expectToken(Token.Kind.RPAREN, "aggregation");
    if (!grouped && (p.peekToken().isKeyword("by") || p.peekToken().isKeyword("without"))) {
      without = p.nextToken().isKeyword("without");
      grouping = p.labelList();
    }
    p.checkType(e, Type.VECTOR, "aggregation expression", pos);
    return new Expr.Aggregate(op, e, param, grouping, without);
  }
}
