package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.QueryException;
import io.homelab.observer.controller.metrics.tsdb.LabelMatcher;
import java.util.List;

/** Parses a series selector ({@code match[]} of the metadata endpoints). */
public final class Selectors {

  private Selectors() {}

  public static List<LabelMatcher> parse(String selector) {
    Expr e = Parser.parse(selector);
    if (e instanceof Expr.VectorSelector v) {
      return v.matchers();
    }
    throw new QueryException(
        "bad_data",
        "invalid parameter \"match[]\": 1:1: parse error: expected a series selector, got "
            + Parser.typeName(e.type()));
  }
}
