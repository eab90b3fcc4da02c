package io.homelab.observer.tracking.logs.query;

import io.homelab.observer.tracking.logs.query.LogQuery.FieldName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The search language, meant to be guessed: words, {@code "phrases"}, {@code AND}/{@code OR}/
 * {@code NOT} (upper case; {@code -word} too) and parentheses, {@code prefix*}, field filters
 * {@code host:}, {@code service:}, {@code level:}, {@code label.<name>:}. Juxtaposed terms are
 * ANDed; AND binds tighter than OR. A {@code name:value} whose name is not a field is plain text
 * (so {@code error:timeout} searches the two words). Errors name the 1-based position.
 */
public final class LogQueryParser {

  static final int MAX_LENGTH = 4096;
  static final int MAX_DEPTH = 32;

  private final String s;
  private int pos;
  private int depth;

  private LogQueryParser(String s) {
    this.s = s;
  }

  /** Parses a query; blank = every entry. */
  public static LogQuery parse(String query) {
    if (query == null || query.isBlank()) {
      return new LogQuery.All();
    }
    if (query.length() > MAX_LENGTH) {
      throw new LogQueryException(
          MAX_LENGTH + 1, "query longer than " + MAX_LENGTH + " characters");
    }
    LogQueryParser p = new LogQueryParser(query);
    LogQuery q = p.or();
    p.skipSpace();
    if (p.pos < query.length()) {
      throw p.error(query.charAt(p.pos) == ')' ? "')' without a matching '('" : "unexpected text");
    }
    return q;
  }

  private LogQuery or() {
    List<LogQuery> parts = new ArrayList<>();
    parts.add(and());
    while (keyword("OR")) {
      pos += 2;
      parts.add(and());
    }
    return parts.size() == 1 ? parts.get(0) : new LogQuery.Or(parts);
  }

  private LogQuery and() {
    List<LogQuery> parts = new ArrayList<>();
    parts.add(unary());
    while (true) {
      skipSpace();
      if (pos >= s.length() || s.charAt(pos) == ')' || keyword("OR")) {
        break;
      }
      if (keyword("AND")) {
        pos += 3;
      }
      parts.add(unary());
    }
    return parts.size() == 1 ? parts.get(0) : new LogQuery.And(parts);
  }

  private LogQuery unary() {
    skipSpace();
    if (keyword("NOT")) {
      pos += 3;
      return new LogQuery.Not(nested(this::unary));
    }
    if (pos + 1 < s.length()
        && s.charAt(pos) == '-'
        && !Character.isWhitespace(s.charAt(pos + 1))
        && s.charAt(pos + 1) != ')') {
      pos++;
      return new LogQuery.Not(primary());
    }
    return primary();
  }

  private LogQuery primary() {
    skipSpace();
    if (pos >= s.length()) {
      throw error("a word, phrase or field filter is missing at the end of the query");
    }
    char c = s.charAt(pos);
    if (c == '(') {
      int open = pos;
      pos++;
      LogQuery inner = nested(this::or);
      skipSpace();
      if (pos >= s.length() || s.charAt(pos) != ')') {
        pos = open;
        throw error("'(' is never closed");
      }
      pos++;
      return inner;
    }
    if (c == ')') {
      throw error("a word, phrase or field filter is missing before ')'");
    }
    if (keyword("OR") || keyword("AND")) {
      throw error("a word, phrase or field filter is missing before this operator");
    }
    if (c == '"') {
      int start = pos;
      String phrase = quoted();
      boolean prefix = star();
      return text(phrase, true, prefix, start);
    }
    return word();
  }

  private LogQuery word() {
    int start = pos;
    while (pos < s.length() && !boundary(s.charAt(pos))) {
      pos++;
    }
    String raw = s.substring(start, pos);
    int colon = raw.indexOf(':');
    if (colon > 0) {
      String name = raw.substring(0, colon).toLowerCase(Locale.ROOT);
      FieldName field = field(name);
      if (field != null) {
        if (field == FieldName.LABEL && name.length() == "label.".length()) {
          throw error(start, "a label filter needs a name: label.<name>:<value>");
        }
        String value = raw.substring(colon + 1);
        boolean prefix = false;
        if (value.isEmpty() && pos < s.length() && s.charAt(pos) == '"') {
          value = quoted();
          prefix = star();
        } else if (value.isEmpty()) {
          throw error(start + colon + 1, "a value is missing after '" + raw + "'");
        } else if (value.endsWith("*")) {
          prefix = true;
          value = value.substring(0, value.length() - 1);
        }
        if (value.indexOf('*') >= 0) {
          throw error(start + colon + 1 + value.indexOf('*'), "'*' is allowed only at the end");
        }
        if (value.isEmpty()) {
          throw error(start + colon + 1, "a value is missing after '" + name + ":'");
        }
        String label = field == FieldName.LABEL ? raw.substring("label.".length(), colon) : null;
        return new LogQuery.Field(field, label, value, prefix);
      }
    }
    boolean prefix = raw.endsWith("*");
    String text = prefix ? raw.substring(0, raw.length() - 1) : raw;
    int star = text.indexOf('*');
    if (star >= 0) {
      throw error(start + star, "'*' is allowed only at the end of a word");
    }
    return text(text, false, prefix, start);
  }

  private LogQuery text(String text, boolean phrase, boolean prefix, int start) {
    List<String> tokens = Tokens.words(text);
    if (tokens.isEmpty()) {
      throw error(start, "'" + text + "' has no letters or digits to search for");
    }
    return new LogQuery.Text(text, tokens, phrase, prefix);
  }

  /** Reads a "quoted" string at pos ({@code \"} and {@code \\} escape). */
  private String quoted() {
    int open = pos;
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\' && pos < s.length()) {
        c = s.charAt(pos++);
      }
      out.append(c);
    }
    throw error(open, "the quote is never closed");
  }

  private boolean star() {
    if (pos < s.length() && s.charAt(pos) == '*') {
      pos++;
      return true;
    }
    return false;
  }

  private LogQuery nested(java.util.function.Supplier<LogQuery> inner) {
    if (++depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    try {
      return inner.get();
    } finally {
      depth--;
    }
  }

  private static FieldName field(String name) {
    return switch (name) {
      case "host" -> FieldName.HOST;
      case "service" -> FieldName.SERVICE;
      case "level" -> FieldName.LEVEL;
      default -> name.startsWith("label.") ? FieldName.LABEL : null;
    };
  }

  /** Whether an upper-case operator starts at pos and ends at a boundary. */
  private boolean keyword(String word) {
    skipSpace();
    if (!s.startsWith(word, pos)) {
      return false;
    }
    int end = pos + word.length();
    return end == s.length() || Character.isWhitespace(s.charAt(end)) || s.charAt(end) == '(';
  }

  private static boolean boundary(char c) {
    return Character.isWhitespace(c) || c == '(' || c == ')' || c == '"';
  }

  private void skipSpace() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private LogQueryException error(String problem) {
    return error(pos, problem);
  }

  private static LogQueryException error(int at, String problem) {
    return new LogQueryException(at + 1, problem);
  }
}
