package io.homelab.observer.controller.metrics.promql;

/** One lexical token of a PromQL expression, with its offset for error messages. */
record Token(Kind kind, String text, int pos) {

  /** Token kinds; operators carry their text. */
  enum Kind {
    IDENT,
    NUMBER,
    DURATION,
    STRING,
    OP,
    LPAREN,
    RPAREN,
    LBRACE,
    RBRACE,
    LBRACKET,
    RBRACKET,
    COMMA,
    COLON,
    AT,
    EOF
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean isOp(String t) {
    return kind == Kind.OP && text.equals(t);
  }

  boolean isKeyword(String k) {
    return kind == Kind.IDENT && text.equalsIgnoreCase(k);
  }
}
