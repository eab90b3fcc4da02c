package io.homelab.observer.controller.console;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Words for why the agent's side of a console did not open. */
final class ConsoleFailure {

  private ConsoleFailure() {}

  static String describe(Exception e, Duration timeout) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof WebSocketHandshakeException h) {
      int status = h.getResponse().statusCode();
      if (status == 401 || status == 403) {
        return "the agent refused this controller's signature; it is not paired with this"
            + " controller";
      }
      return "the agent refused the console with HTTP " + status;
    }
    if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
      return "the agent did not answer within " + timeout.toSeconds() + " s";
    }
    if (cause instanceof ConnectException) {
      return "the agent is unreachable (connection refused)";
    }
    String message = cause.getMessage();
    return "the agent is unreachable ("
        + (message == null ? cause.getClass().getSimpleName() : message)
        + ")";
  }
}
