package io.homelab.observer.tracking.logs.loki;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.logs.search.TimeParam;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The LogQL subset Grafana's Loki data source needs for logs and simple charts: a stream selector
 * ({@code {app="web", env=~"prod|stage"}}), line filters ({@code |= != |~ !~}), and the metric
 * forms {@code count_over_time(<log query>[range])} / {@code rate(...)}, optionally inside {@code
 * sum by (labels) (...)} or {@code sum(...)}. Anything else is a 400 naming the position.
 */
public final class LogQl {

  /** A label matcher of a selector. */
  public record Matcher(String name, String op, String value, Pattern regex) {

    /** Whether a stream's value of the label (null = absent, matched as "") satisfies it. */
    public boolean test(String actual) {
      String v = actual == null ? "" : actual;
      return switch (op) {
        case "=" -> v.equals(value);
        case "!=" -> !v.equals(value);
        case "=~" -> regex.matcher(v).matches();
        default -> !regex.matcher(v).matches();
      };
    }
  }

  /** A line filter. */
  public record LineFilter(String op, String value, Pattern regex) {

    public boolean test(String line) {
      return switch (op) {
        case "|=" -> line.contains(value);
        case "!=" -> !line.contains(value);
        case "|~" -> regex.matcher(line).find();
        default -> !regex.matcher(line).find();
      };
    }
  }

  /**
   * A parsed query; {@code function} is null for a log query, else {@code count_over_time} or
   * {@code rate} over {@code range}, summed {@code by} labels when {@code sum} is set.
   */
  public record Query(
      List<Matcher> selector,
      List<LineFilter> filters,
      String function,
      Duration range,
      boolean sum,
      List<String> by) {}

  private final String s;
  private int pos;

  private LogQl(String s) {
    this.s = s;
  }

  /** Parses a query. */
  public static Query parse(String query) {
    if (query == null || query.isBlank()) {
      throw MlflowException.missing("query");
    }
    LogQl p = new LogQl(query.trim());
    Query q = p.top();
    p.space();
    if (p.pos < p.s.length()) {
      throw p.error("unexpected text");
    }
    return q;
  }

  private Query top() {
    space();
    if (word("sum")) {
      List<String> by = new ArrayList<>();
      space();
      if (word("by")) {
        by = labelList();
      }
      expect('(');
      Query inner = metric();
      expect(')');
      space();
      if (by.isEmpty() && word("by")) {
        by = labelList();
      }
      return new Query(
          inner.selector(), inner.filters(), inner.function(), inner.range(), true, by);
    }
    if (s.startsWith("count_over_time", pos) || s.startsWith("rate", pos)) {
      return metric();
    }
    return logQuery(null);
  }

  private Query metric() {
    space();
    String fn = word("count_over_time") ? "count_over_time" : word("rate") ? "rate" : null;
    if (fn == null) {
      throw error("expected count_over_time( or rate(");
    }
    expect('(');
    Query log = logQuery(fn);
    expect(')');
    return log;
  }

  private Query logQuery(String fn) {
    space();
    List<Matcher> selector = selector();
    List<LineFilter> filters = new ArrayList<>();
    while (true) {
      space();
      String op = null;
      for (String o : List.of("|=", "!=", "|~", "!~")) {
        if (s.startsWith(o, pos)) {
          op = o;
        }
      }
      if (op == null) {
        break;
      }
      pos += 2;
      space();
      int at = pos;
      String value = string();
      filters.add(new LineFilter(op, value, op.endsWith("~") ? regex(value, at) : null));
    }
    Duration range = null;
    if (fn != null) {
      expect('[');
      int end = s.indexOf(']', pos);
      if (end < 0) {
        throw error("'[' is never closed");
      }
      range = TimeParam.duration("range", s.substring(pos, end));
      pos = end + 1;
    }
    return new Query(selector, filters, fn, range, false, List.of());
  }

  private List<Matcher> selector() {
    expect('{');
    List<Matcher> out = new ArrayList<>();
    while (true) {
      space();
      if (peek('}')) {
        pos++;
        break;
      }
      int start = pos;
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos))
              || s.charAt(pos) == '_'
              || s.charAt(pos) == '.')) {
        pos++;
      }
      String name = s.substring(start, pos);
      if (name.isEmpty()) {
        throw error("a label name is expected");
      }
      space();
      String op = null;
      for (String o : List.of("=~", "!~", "!=", "=")) {
        if (op == null && s.startsWith(o, pos)) {
          op = o;
        }
      }
      if (op == null) {
        throw error("expected = != =~ or !~");
      }
      pos += op.length();
      space();
      int at = pos;
      String value = string();
      out.add(new Matcher(name, op, value, op.contains("~") ? regex(value, at) : null));
      space();
      if (peek(',')) {
        pos++;
      }
    }
    if (out.stream().noneMatch(m -> !m.test(""))) {
      throw error("a stream selector needs at least one matcher that does not match empty values");
    }
    return out;
  }

  private List<String> labelList() {
    expect('(');
    List<String> out = new ArrayList<>();
    while (true) {
      space();
      int start = pos;
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      if (pos > start) {
        out.add(s.substring(start, pos));
      }
      space();
      if (peek(',')) {
        pos++;
      } else {
        break;
      }
    }
    expect(')');
    return out;
  }

  /** A "double-quoted" (Go escapes) or `backquoted` string. */
  private String string() {
    if (peek('`')) {
      int end = s.indexOf('`', pos + 1);
      if (end < 0) {
        throw error("the backquote is never closed");
      }
      String v = s.substring(pos + 1, end);
      pos = end + 1;
      return v;
    }
    if (!peek('"')) {
      throw error("a quoted string is expected");
    }
    int open = pos++;
    StringBuilder b = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\' && pos < s.length()) {
        char e = s.charAt(pos++);
        b.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
      } else {
        b.append(c);
      }
    }
    pos = open;
    throw error("the quote is never closed");
  }

  private Pattern regex(String value, int at) {
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      pos = at;
      throw error("bad regular expression: " + e.getDescription());
    }
  }

  private boolean word(String w) {
    if (s.startsWith(w, pos)) {
      int end = pos + w.length();
      if (end == s.length() || !Character.isLetterOrDigit(s.charAt(end)) && s.charAt(end) != '_') {
        pos = end;
        return true;
      }
    }
    return false;
  }

  private void expect(char c) {
    space();
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private boolean peek(char c) {
    return pos < s.length() && s.charAt(pos) == c;
  }

  private void space() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private MlflowException error(String problem) {
    return MlflowException.invalid("Invalid LogQL at position " + (pos + 1) + ": " + problem);
  }
}
