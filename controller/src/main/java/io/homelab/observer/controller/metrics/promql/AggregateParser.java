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
    TokenStream ts = p.tokens();
    List<String> grouping = List.of();
    boolean without = false;
    boolean grouped = false;
    if (ts.peek().isKeyword("by") || ts.peek().isKeyword("without")) {
      without = ts.next().isKeyword("without");
      grouping = SelectorParser.labelList(ts);
      grouped = true;
    }
    ts.expect(Token.Kind.LPAREN, "aggregation");
    Expr param = null;
    Expr e = p.parseExpr();
    if (WITH_PARAM.contains(op)) {
      ts.expect(Token.Kind.COMMA, "aggregation, expected parameter and expression");
      param = e;
      e = p.parseExpr();
      p.checkType(
          param,
          op.equals("count_values") ? Type.STRING : Type.SCALAR,
          "aggregation parameter",
          pos);
    }
    ts.expect(Token.Kind.RPAREN, "aggregation");
    if (!grouped && (ts.peek().isKeyword("by") || ts.peek().isKeyword("without"))) {
      without = ts.next().isKeyword("without");
      grouping = SelectorParser.labelList(ts);
    }
    p.checkType(e, Type.VECTOR, "aggregation expression", pos);
    return new Expr.Aggregate(op, e, param, grouping, without);
  }
}
