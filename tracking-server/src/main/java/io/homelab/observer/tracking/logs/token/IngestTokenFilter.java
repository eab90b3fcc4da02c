package io.homelab.observer.tracking.logs.token;

import io.homelab.observer.tracking.auth.AuthFilter;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * {@code Authorization: Bearer <ingest token>} on the ingest routes ({@code POST
 * /api/2.0/homelab/logs}, {@code POST /loki/api/v1/push}): a valid token lets the request past
 * basic auth ({@link AuthFilter#PRE_AUTHENTICATED_KEY}), a wrong one is refused here. Everywhere
 * else a bearer token means nothing, so it never opens a read or admin route.
 */
@Singleton
public class IngestTokenFilter {

  /** Runs after the path guard (200) and before basic auth (100). */
  static final int PRIORITY = 150;

  /** Routing-context key of the token name that authenticated the request. */
  public static final String TOKEN_KEY = "homelab.logs.ingestToken";

  static final Set<String> INGEST_PATHS = Set.of("/api/2.0/homelab/logs", "/loki/api/v1/push");

  private final IngestTokenService tokens;

  public IngestTokenFilter(IngestTokenService tokens) {
    this.tokens = tokens;
  }

  void register(@Observes Filters filters) {
    filters.register(this::filter, PRIORITY);
  }

  void filter(RoutingContext rc) {
    String header = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null
        || !header.regionMatches(true, 0, "Bearer ", 0, 7)
        || !rc.request().method().name().equals("POST")
        || !INGEST_PATHS.contains(stripSlash(rc.normalizedPath()))) {
      rc.next();
      return;
    }
    String secret = header.substring(7).trim();
    // Hold the body while the token is checked (the first check reads the table).
    rc.request().pause();
    rc.vertx()
        .executeBlocking(() -> tokens.verify(secret), false)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                Log.errorf(ar.cause(), "ingest token check failed");
                reply(rc, 500, "INTERNAL_ERROR", "Internal error.");
              } else if (ar.result().isEmpty()) {
                reply(rc, 401, "UNAUTHENTICATED", "Invalid or revoked ingest token.");
              } else {
                rc.put(AuthFilter.PRE_AUTHENTICATED_KEY, Boolean.TRUE);
                rc.put(TOKEN_KEY, ar.result().get());
                rc.next();
              }
            });
  }

  private static String stripSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static void reply(RoutingContext rc, int status, String code, String message) {
    rc.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end("{\"error_code\":\"" + code + "\",\"message\":\"" + message + "\"}");
  }
}
