package io.homelab.observer.tracking.logs.query;

import java.util.List;

/**
 * A parsed log query ({@link LogQueryParser}): text terms, field filters and the boolean operators
 * between them. The store turns it into SQL, {@link LogMatcher} evaluates it on one entry (live
 * tail) and finds the matches to highlight.
 */
public sealed interface LogQuery {

  /** The empty query: every entry. */
  record All() implements LogQuery {}

  /**
   * A word ({@code phrase} false) or a quoted phrase; {@code prefix} when it ended with {@code *}.
   * Its {@link #tokens} are what the full-text index compares: alphanumeric runs, lower-cased.
   */
  record Text(String text, List<String> tokens, boolean phrase, boolean prefix)
      implements LogQuery {
    public Text {
      tokens = List.copyOf(tokens);
    }
  }

  /**
   * {@code host:}, {@code service:}, {@code level:} or {@code label.<name>:} with a value ({@code
   * prefix}: the value ended with {@code *}).
   */
  record Field(FieldName field, String label, String value, boolean prefix) implements LogQuery {}

  /** Every part must match. */
  record And(List<LogQuery> parts) implements LogQuery {
    public And {
      parts = List.copyOf(parts);
    }
  }

  /** Any part may match. */
  record Or(List<LogQuery> parts) implements LogQuery {
    public Or {
      parts = List.copyOf(parts);
    }
  }

  /** The part must not match. */
  record Not(LogQuery part) implements LogQuery {}

  /** The fields a filter may name. */
  enum FieldName {
    HOST,
    SERVICE,
    LEVEL,
    LABEL
  }

  /** Whether the query only looks at message text (so one full-text match can answer it). */
  static boolean textOnly(LogQuery q) {
    if (q instanceof Text) {
      return true;
    }
    if (q instanceof And a) {
      return a.parts().stream().allMatch(LogQuery::textOnly);
    }
    if (q instanceof Or o) {
      return o.parts().stream().allMatch(LogQuery::textOnly);
    }
    return q instanceof Not n && textOnly(n.part());
  }
}
