package io.homelab.observer.tracking.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.error.BodyTooLargeException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Map;

/** The answers of {@link AuthFilter} when it stops a request: MLflow's auth app's bodies. */
final class AuthReplies {

  private AuthReplies() {}

  static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * After a refusal, a body still on its way (never read, or cut off at the limit) is not worth
   * draining: closing the connection stops it at the client's next write, so a refused client
   * cannot keep the server reading gigabytes.
   */
  private static void closeIfBodyPending(RoutingContext rc) {
    // A paused request without a body (a GET) is not "ended" either: closing its keep-alive
    // connection made a client's next request on it fail ("connection aborted") instead of
    // getting its own answer.
    if (!rc.request().isEnded() && announcesBody(rc.request())) {
      rc.request().connection().close();
    }
  }

  private static boolean announcesBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
        || (length != null && parseLong(length) != 0);
  }

  static void unauthenticated(RoutingContext rc) {
    rc.response()
        .setStatusCode(401)
        .putHeader("WWW-Authenticate", "Basic realm=\"mlflow\"")
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end(AuthFilter.UNAUTHENTICATED_TEXT)
        .onComplete(v -> closeIfBodyPending(rc));
  }

  static void forbidden(RoutingContext rc) {
    rc.response()
        .setStatusCode(403)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end("Permission denied")
        .onComplete(v -> closeIfBodyPending(rc));
  }

  static void tooLarge(ObjectMapper json, RoutingContext rc) {
    error(
        json,
        rc,
        413,
        "RESOURCE_EXHAUSTED",
        BodyTooLargeException.message(AuthFilter.MAX_JSON_BODY));
  }

  static void error(ObjectMapper json, RoutingContext rc, int status, String code, String message) {
    String body;
    try {
      body = json.writeValueAsString(Map.of("error_code", code, "message", message));
    } catch (IOException e) {
      body = "{\"error_code\":\"" + code + "\"}";
    }
    rc.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body)
        .onComplete(v -> closeIfBodyPending(rc));
  }
}
