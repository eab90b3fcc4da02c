package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.QueryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PromQL expression into tokens (Prometheus's lexical rules: strings in three quotes,
 * durations, hex).
 */
final class Lexer {

  private final String in;
  private int pos;
  private final List<Token> out = new ArrayList<>();

  private Lexer(String in) {
    this.in = in;
  }

  static List<Token> lex(String in) {
    Lexer l = new Lexer(in);
    l.run();
    return l.out;
  }

  private void run() {
    while (true) {
      skipSpaceAndComments();
      if (pos >= in.length()) {
        out.add(new Token(Token.Kind.EOF, "", pos));
        return;
      }
      char c = in.charAt(pos);
      int start = pos;
      switch (c) {
        case '(' -> single(Token.Kind.LPAREN);
        case ')' -> single(Token.Kind.RPAREN);
        case '{' -> single(Token.Kind.LBRACE);
        case '}' -> single(Token.Kind.RBRACE);
        case '[' -> single(Token.Kind.LBRACKET);
        case ']' -> single(Token.Kind.RBRACKET);
        case ',' -> single(Token.Kind.COMMA);
        case ':' -> single(Token.Kind.COLON);
        case '@' -> single(Token.Kind.AT);
        case '"', '\'', '`' -> string(c);
        case '+', '-', '*', '/', '%', '^' -> single(Token.Kind.OP);
        case '=' ->
            op(
                pos + 1 < in.length() && (in.charAt(pos + 1) == '=' || in.charAt(pos + 1) == '~')
                    ? 2
                    : 1);
        case '!' -> {
          if (pos + 1 < in.length() && (in.charAt(pos + 1) == '=' || in.charAt(pos + 1) == '~')) {
            op(2);
          } else {
            throw error(start, "unexpected character: '!'");
          }
        }
        case '<', '>' -> op(pos + 1 < in.length() && in.charAt(pos + 1) == '=' ? 2 : 1);
        default -> {
          if (Character.isDigit(c)
              || (c == '.' && pos + 1 < in.length() && Character.isDigit(in.charAt(pos + 1)))) {
            number();
          } else if (Character.isLetter(c) || c == '_' || c == ':') {
            ident();
          } else {
            throw error(start, "unexpected character: '" + c + "'");
          }
        }
      }
    }
  }

  private void skipSpaceAndComments() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < in.length() && in.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private void single(Token.Kind k) {
    out.add(new Token(k, String.valueOf(in.charAt(pos)), pos));
    pos++;
  }

  private void op(int len) {
    out.add(new Token(Token.Kind.OP, in.substring(pos, pos + len), pos));
    pos += len;
  }

  private void string(char quote) {
    int start = pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= in.length()) {
        throw error(start, "unterminated quoted string");
      }
      char c = in.charAt(pos++);
      if (c == quote) {
        break;
      }
      if (c == '\\' && quote != '`') {
        if (pos >= in.length()) {
          throw error(start, "unterminated quoted string");
        }
        char e = in.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case '\\' -> sb.append('\\');
          case '"' -> sb.append('"');
          case '\'' -> sb.append('\'');
          case 'a' -> sb.append('\u0007');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'v' -> sb.append('\u000b');
          case 'u' -> {
            sb.append((char) Integer.parseInt(in.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default ->
              sb.append('\\').append(e); // regular-expression escapes such as \. pass through
        }
      } else {
        sb.append(c);
      }
    }
    out.add(new Token(Token.Kind.STRING, sb.toString(), start));
  }

  private void number() {
    int start = pos;
    if (in.startsWith("0x", pos) || in.startsWith("0X", pos)) {
      pos += 2;
      while (pos < in.length() && Character.digit(in.charAt(pos), 16) >= 0) {
        pos++;
      }
      out.add(
          new Token(
              Token.Kind.NUMBER,
              String.valueOf(Long.parseLong(in.substring(start + 2, pos), 16)),
              start));
      return;
    }
    while (pos < in.length() && (Character.isDigit(in.charAt(pos)) || in.charAt(pos) == '.')) {
      pos++;
    }
    if (pos < in.length() && (in.charAt(pos) == 'e' || in.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < in.length() && (in.charAt(pos) == '+' || in.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < in.length() && Character.isDigit(in.charAt(pos))) {
        while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    if (pos < in.length() && "smhdwy".indexOf(in.charAt(pos)) >= 0) {
      // A duration such as 5m or 1h30m: digits and units, no fraction.
      while (pos < in.length()
          && (Character.isDigit(in.charAt(pos)) || "smhdwy".indexOf(in.charAt(pos)) >= 0)) {
        pos++;
      }
      String text = in.substring(start, pos);
      if (!text.matches("([0-9]+(ms|[smhdwy]))+")) {
        throw error(start, "bad duration syntax: \"" + text + "\"");
      }
      out.add(new Token(Token.Kind.DURATION, text, start));
      return;
    }
    out.add(new Token(Token.Kind.NUMBER, in.substring(start, pos), start));
  }

  private void ident() {
    int start = pos;
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == ':') {
        pos++;
      } else {
        break;
      }
    }
    out.add(new Token(Token.Kind.IDENT, in.substring(start, pos), start));
  }

  static QueryException error(int pos, String msg) {
    return new QueryException("bad_data", "1:" + (pos + 1) + ": parse error: " + msg);
  }

  /** Milliseconds of a duration token such as {@code 1h30m}. */
  static long durationMillis(String text) {
    return Durations.millis(text);
  }
}
