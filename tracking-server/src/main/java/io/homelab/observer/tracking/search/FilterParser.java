package io.homelab.observer.tracking.search;

import io.homelab.observer.tracking.error.MlflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses MLflow's search filter grammar (mlflow/utils/search_utils.py): comparisons joined by AND,
 * each {@code <type>.<key> <comparator> <value>}. Identifiers may quote the key with double quotes
 * or backticks ({@code metrics."model class"}); values are single- or double-quoted strings,
 * numbers, or a parenthesised list for IN. The result is only a list of {@link Clause}s: stores
 * turn it into SQL with bound parameters, never by pasting values into SQL.
 */
public final class FilterParser {

  private static final Set<String> METRIC_IDS = Set.of("metric", "metrics");
  private static final Set<String> PARAM_IDS = Set.of("param", "params", "parameter", "parameters");
  private static final Set<String> TAG_IDS = Set.of("tag", "tags");
  private static final Set<String> ATTRIBUTE_IDS = Set.of("attribute", "attributes", "attr", "run");
  private static final Set<String> DATASET_IDS = Set.of("dataset", "datasets");

  private enum Kind {
    IDENT,
    STRING,
    NUMBER,
    OP,
    LPAREN,
    RPAREN,
    COMMA,
    WORD
  }

  private record Token(Kind kind, String text) {}

  private final String input;
  private final List<Token> tokens;
  private final Function<String, String[]> identifiers;
  private int pos;

  private FilterParser(String input, Function<String, String[]> identifiers) {
    this.input = input;
    this.tokens = tokenize(input);
    this.identifiers = identifiers;
  }

  /**
   * Parses a filter; null or blank means no filter. Invalid filters are INVALID_PARAMETER_VALUE.
   */
  public static List<Clause> parse(String filter) {
    if (filter == null || filter.isBlank()) {
      return List.of();
    }
    return new FilterParser(filter, FilterParser::identifier).clauses();
  }

  /**
   * Parses a filter of another entity's grammar (traces: {@code trace.}, {@code metadata.}, ...):
   * the same comparisons, with the entity's own identifier resolution ({@code [type, key]}).
   */
  public static List<Clause> parse(String filter, Function<String, String[]> identifiers) {
    if (filter == null || filter.isBlank()) {
      return List.of();
    }
    return new FilterParser(filter, identifiers).clauses();
  }

  /**
   * Splits {@code type.key} (quotes stripped) and resolves the type alias; a bare key is an
   * attribute.
   */
  public static String[] identifier(String ident) {
    String type;
    String key;
    int dot = ident.indexOf('.');
    if (dot < 0) {
      type = Clause.ATTRIBUTE;
      key = ident;
    } else {
      String prefix = stripBackticks(ident.substring(0, dot));
      key = ident.substring(dot + 1);
      type = entityType(prefix);
    }
    return new String[] {type, stripBackticks(stripQuotes(key))};
  }

  private static String entityType(String prefix) {
    if (METRIC_IDS.contains(prefix)) {
      return Clause.METRIC;
    } else if (PARAM_IDS.contains(prefix)) {
      return Clause.PARAM;
    } else if (TAG_IDS.contains(prefix)) {
      return Clause.TAG;
    } else if (ATTRIBUTE_IDS.contains(prefix)) {
      return Clause.ATTRIBUTE;
    } else if (DATASET_IDS.contains(prefix)) {
      return Clause.DATASET;
    }
    throw MlflowException.invalid(
        "Invalid entity type '"
            + prefix
            + "'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']");
  }

  /** Parses one order_by entry {@code "<type>.<key> [ASC|DESC]"}; ascending unless DESC. */
  public static OrderBy orderBy(String entry) {
    List<Token> toks = tokenize(entry == null ? "" : entry);
    if (toks.isEmpty()
        || toks.size() > 2
        || (toks.get(0).kind() != Kind.IDENT && toks.get(0).kind() != Kind.WORD)) {
      throw MlflowException.invalid("Invalid order_by clause '" + entry + "'.");
    }
    boolean ascending = true;
    if (toks.size() == 2) {
      String dir = toks.get(1).text().toUpperCase(Locale.ROOT);
      if (dir.equals("DESC")) {
        ascending = false;
      } else if (!dir.equals("ASC")) {
        throw MlflowException.invalid(
            "Invalid ordering key in order_by clause '" + entry + "'. Expected ASC or DESC.");
      }
    }
    String[] id = identifier(toks.get(0).text());
    return new OrderBy(id[0], id[1], ascending);
  }

  private List<Clause> clauses() {
    List<Clause> out = new ArrayList<>();
    while (true) {
      out.add(comparison());
      if (pos >= tokens.size()) {
        return out;
      }
      Token t = tokens.get(pos++);
      if (t.kind() != Kind.WORD || !t.text().equalsIgnoreCase("AND")) {
        throw MlflowException.invalid(
            "Invalid clause(s) in filter string: '"
                + input
                + "'. Only 'AND' joins comparisons; found '"
                + t.text()
                + "'.");
      }
    }
  }

  private Clause comparison() {
    Token identTok = next("an identifier");
    if (identTok.kind() != Kind.IDENT && identTok.kind() != Kind.WORD) {
      throw MlflowException.invalid(
          "Invalid comparison clause. Expected 'Identifier' found '" + identTok.text() + "'");
    }
    String[] id = identifiers.apply(identTok.text());
    Token opTok = next("a comparator");
    String op;
    if (opTok.kind() == Kind.OP) {
      op = opTok.text().equals("<>") ? "!=" : opTok.text();
    } else if (opTok.kind() == Kind.WORD) {
      String w = opTok.text().toUpperCase(Locale.ROOT);
      switch (w) {
        case "LIKE", "ILIKE", "IN" -> op = w;
        case "NOT" -> {
          Token in = next("IN");
          if (!in.text().equalsIgnoreCase("IN")) {
            throw invalidComparison();
          }
          op = "NOT IN";
        }
        case "IS" -> {
          Token t = next("NULL");
          if (t.text().equalsIgnoreCase("NOT")) {
            expectWord("NULL");
            return new Clause(id[0], id[1], "IS NOT NULL", null);
          }
          if (!t.text().equalsIgnoreCase("NULL")) {
            throw invalidComparison();
          }
          return new Clause(id[0], id[1], "IS NULL", null);
        }
        default -> throw invalidComparison();
      }
    } else {
      throw invalidComparison();
    }
    Object value;
    Token v = next("a value");
    switch (v.kind()) {
      case STRING -> value = v.text();
      case NUMBER -> value = Double.valueOf(v.text());
      case IDENT -> value = stripQuotes(v.text());
      case LPAREN -> {
        List<String> list = new ArrayList<>();
        while (true) {
          Token item = next("a quoted string");
          if (item.kind() != Kind.STRING) {
            throw MlflowException.invalid(
                "While parsing a list in the query, expected string value, punctuation, or "
                    + "whitespace, but got different type in list: "
                    + item.text());
          }
          list.add(item.text());
          Token sep = next("',' or ')'");
          if (sep.kind() == Kind.RPAREN) {
            break;
          }
          if (sep.kind() != Kind.COMMA) {
            throw invalidComparison();
          }
        }
        value = list;
      }
      default ->
          throw MlflowException.invalid(
              "Expected a quoted string value or a number. Got value " + v.text());
    }
    if ((op.equals("IN") || op.equals("NOT IN")) != value instanceof List) {
      throw MlflowException.invalid(
          op.endsWith("IN")
              ? "Expected a list of quoted strings after " + op
              : "A list of values is only allowed with IN / NOT IN.");
    }
    return new Clause(id[0], id[1], op, value);
  }

  private void expectWord(String word) {
    Token t = next(word);
    if (!t.text().equalsIgnoreCase(word)) {
      throw invalidComparison();
    }
  }

  private Token next(String expected) {
    if (pos >= tokens.size()) {
      throw MlflowException.invalid(
          "Invalid filter '" + input + "': expected " + expected + " at the end.");
    }
    return tokens.get(pos++);
  }

  private MlflowException invalidComparison() {
    return MlflowException.invalid("Invalid comparison clause in filter '" + input + "'.");
  }

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        int[] end = new int[1];
        out.add(new Token(Kind.STRING, quoted(s, i, '\'', end)));
        i = end[0];
      } else if (c == '"' || c == '`') {
        // A quoted word standing alone: a value after a comparator, or a whole identifier.
        int[] end = new int[1];
        String text = quoted(s, i, c, end);
        Kind previous = out.isEmpty() ? null : out.get(out.size() - 1).kind();
        boolean isValue = previous == Kind.OP || (previous == Kind.WORD && isComparatorWord(out));
        out.add(isValue && c == '"' ? new Token(Kind.STRING, text) : new Token(Kind.IDENT, text));
        i = end[0];
      } else if (c == '(') {
        out.add(new Token(Kind.LPAREN, "("));
        i++;
      } else if (c == ')') {
        out.add(new Token(Kind.RPAREN, ")"));
        i++;
      } else if (c == ',') {
        out.add(new Token(Kind.COMMA, ","));
        i++;
      } else if (c == '!' || c == '=' || c == '<' || c == '>') {
        int j = i + 1;
        if (j < n && (s.charAt(j) == '=' || (c == '<' && s.charAt(j) == '>'))) {
          j++;
        }
        String op = s.substring(i, j);
        if (op.equals("!")) {
          throw MlflowException.invalid("Invalid comparator '!' in filter '" + s + "'.");
        }
        out.add(new Token(Kind.OP, op));
        i = j;
      } else if (Character.isDigit(c)
          || ((c == '-' || c == '+' || c == '.')
              && i + 1 < n
              && (Character.isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '.'))) {
        int j = i + 1;
        while (j < n
            && (Character.isDigit(s.charAt(j))
                || s.charAt(j) == '.'
                || s.charAt(j) == 'e'
                || s.charAt(j) == 'E'
                || ((s.charAt(j) == '-' || s.charAt(j) == '+')
                    && (s.charAt(j - 1) == 'e' || s.charAt(j - 1) == 'E')))) {
          j++;
        }
        String num = s.substring(i, j);
        try {
          Double.parseDouble(num);
        } catch (NumberFormatException e) {
          throw MlflowException.invalid("Invalid number '" + num + "' in filter '" + s + "'.");
        }
        out.add(new Token(Kind.NUMBER, num));
        i = j;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        StringBuilder word = new StringBuilder();
        while (j < n) {
          char d = s.charAt(j);
          if (Character.isLetterOrDigit(d)
              || d == '_'
              || d == '.'
              || d == '-'
              || d == ':'
              || d == '/') {
            word.append(d);
            j++;
          } else if ((d == '"' || d == '`')
              && word.length() > 0
              && word.charAt(word.length() - 1) == '.') {
            // metrics."model class" / tags.`user-name`: the quoted part is the key.
            int[] end = new int[1];
            String key = quoted(s, j, d, end);
            word.append('`').append(key).append('`');
            j = end[0];
          } else {
            break;
          }
        }
        String text = word.toString();
        boolean hasDot = text.contains(".");
        out.add(new Token(hasDot ? Kind.IDENT : Kind.WORD, text));
        i = j;
      } else {
        throw MlflowException.invalid("Invalid character '" + c + "' in filter '" + s + "'.");
      }
    }
    return out;
  }

  private static boolean isComparatorWord(List<Token> out) {
    String w = out.get(out.size() - 1).text().toUpperCase(Locale.ROOT);
    return w.equals("LIKE") || w.equals("ILIKE");
  }

  /** Reads a quoted run starting at {@code start}; a doubled quote inside stands for one quote. */
  private static String quoted(String s, int start, char quote, int[] end) {
    StringBuilder b = new StringBuilder();
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == quote) {
        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
          b.append(quote);
          i += 2;
          continue;
        }
        end[0] = i + 1;
        return b.toString();
      }
      if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == quote) {
        b.append(quote);
        i += 2;
        continue;
      }
      b.append(c);
      i++;
    }
    throw MlflowException.invalid("Unterminated quoted string in filter '" + s + "'.");
  }

  private static String stripQuotes(String s) {
    if (s.length() >= 2
        && ((s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("'") && s.endsWith("'")))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static String stripBackticks(String s) {
    if (s.length() >= 2 && s.startsWith("`") && s.endsWith("`")) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
