package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.QueryException;
import java.util.List;

/**
 * The parsers' cursor over the lexed tokens, with Prometheus's "unexpected X in Y" error text so
 * every parser part reports a bad query the same way.
 */
final class TokenStream {

  private final List<Token> tokens;
  private int i;

  TokenStream(List<Token> tokens) {
    this.tokens = tokens;
  }

  Token peek() {
    return tokens.get(i);
  }

  Token next() {
    return tokens.get(i++);
  }

  /** Steps back one token, so an error points at the token that did not fit. */
  void back() {
    i--;
  }

  Token expect(Token.Kind k, String context) {
    Token t = next();
    if (t.kind() != k) {
      i--;
      throw unexpected(context);
    }
    return t;
  }

  QueryException unexpected(String context) {
    Token t = peek();
    String what = t.kind() == Token.Kind.EOF ? "end of input" : "\"" + t.text() + "\"";
    return Lexer.error(t.pos(), "unexpected " + what + (context.isEmpty() ? "" : " in " + context));
  }
}
