package io.homelab.observer.tracking.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.artifact.ArtifactPaths;
import io.homelab.observer.tracking.artifact.RequestPathGuard;
import io.homelab.observer.tracking.artifact.UnsafeArtifactPathException;
import io.homelab.observer.tracking.auth.AccessRules.Route;
import io.homelab.observer.tracking.auth.AccessRules.Rule;
import io.homelab.observer.tracking.auth.AuthService.Authenticated;
import io.homelab.observer.tracking.auth.AuthService.Outcome;
import io.homelab.observer.tracking.auth.AuthService.RateLimited;
import io.homelab.observer.tracking.config.TrackingConfig;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Basic authentication and MLflow basic-auth authorisation in front of every route (a Vert.x
 * filter, so it also covers routes outside the REST layer such as {@code /q/metrics}); only {@code
 * /health} and {@code /q/health} stay open, as in MLflow.
 *
 * <p>Answers as MLflow's auth app: 401 text with {@code WWW-Authenticate: Basic realm="mlflow"},
 * 403 text "Permission denied"; plus 429 REQUEST_LIMIT_EXCEEDED with {@code Retry-After} for a
 * rate-limited client. The password check and the permission lookups block, so they run on a worker
 * thread; a JSON body that names the resource (run_id in log-batch, ...) is read here, capped, and
 * handed on to the REST layer.
 */
@Singleton
public class AuthFilter {

  /**
   * Routing-context key of the authenticated {@link User}, for the REST layer and response filter.
   */
  public static final String USER_KEY = "homelab.auth.user";

  /** Routing-context key of the request fields the decision read (response filter reuses them). */
  public static final String FIELDS_KEY = "homelab.auth.fields";

  /**
   * Routing-context key set by an earlier filter that authenticated the request by other means (a
   * logs ingest token, {@code logs.token.IngestTokenFilter}, on the ingest routes only): such a
   * request skips basic auth.
   */
  public static final String PRE_AUTHENTICATED_KEY = "homelab.auth.preAuthenticated";

  static final int PRIORITY = 100;

  /** Bodies read for a permission decision are capped; artifact uploads are never read here. */
  static final long MAX_JSON_BODY = RequestPathGuard.MAX_BODY;

  static final String UNAUTHENTICATED_TEXT =
      "You are not authenticated. Please see "
          + "https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow "
          + "on how to authenticate.";

  private final AuthService auth;
  private final ObjectMapper json;
  private final boolean enabled;

  public AuthFilter(AuthService auth, ObjectMapper json, TrackingConfig config) {
    this.auth = auth;
    this.json = json;
    this.enabled = config.auth().enabled();
  }

  void register(@Observes Filters filters) {
    filters.register(this::filter, PRIORITY);
  }

  void filter(RoutingContext rc) {
    if (!enabled || rc.get(PRE_AUTHENTICATED_KEY) != null) {
      rc.next();
      return;
    }
    HttpServerRequest request = rc.request();
    String method = request.method().name();
    String path = rc.normalizedPath();
    Rule rule = AccessRules.rule(method, path);
    if (rule instanceof AccessRules.Open) {
      rc.next();
      return;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (AuthService.basicCredentials(header).isEmpty()) {
      unauthenticated(rc);
      return;
    }
    Optional<Route> route = AccessRules.route(method, path);
    boolean artifactRoute =
        route.map(r -> r.operation().startsWith("mlflow-artifacts/")).orElse(false);
    // The response filter re-runs these searches to top up pages it thinned out: it needs the
    // request's fields too.
    boolean refilledSearch =
        route.map(r -> AuthResponseFilter.REFILLED_SEARCHES.contains(r.operation())).orElse(false);
    boolean readBody =
        rule instanceof AccessRules.OnResource
                || rule instanceof AccessRules.SelfOrAdmin
                || refilledSearch
            ? !artifactRoute && !method.equals("GET") && !method.equals("HEAD")
            : false;
    if (!readBody) {
      // Hold the body (an artifact upload may be streaming in) until the decision; the REST layer
      // resumes the request when it reads.
      request.pause();
      decideAsync(rc, rule, route, header, null);
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && parseLong(length) > MAX_JSON_BODY) {
      tooLarge(rc);
      return;
    }
    request
        .body()
        .onComplete(
            ar -> {
              if (ar.failed()) {
                rc.fail(400, ar.cause());
                return;
              }
              Buffer body = ar.result();
              if (body.length() > MAX_JSON_BODY) {
                tooLarge(rc);
                return;
              }
              // The REST layer takes a body already read from the routing context.
              rc.setBody(body);
              decideAsync(rc, rule, route, header, body);
            });
    request.resume();
  }

  private void decideAsync(
      RoutingContext rc, Rule rule, Optional<Route> route, String header, Buffer body) {
    String address =
        rc.request().remoteAddress() == null
            ? "unknown"
            : rc.request().remoteAddress().hostAddress();
    RequestFields fields = new RequestFields(query(rc), parse(body));
    rc.vertx()
        .executeBlocking(() -> decide(rule, route, header, address, fields), false)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                Log.errorf(ar.cause(), "auth decision failed");
                error(rc, 500, "INTERNAL_ERROR", "Internal error.");
                return;
              }
              Decision d = ar.result();
              switch (d.kind) {
                case ALLOW -> {
                  rc.put(USER_KEY, d.user);
                  rc.put(FIELDS_KEY, fields);
                  rc.next();
                }
                case UNAUTHENTICATED -> unauthenticated(rc);
                case FORBIDDEN -> forbidden(rc);
                case INVALID_PATH -> error(rc, 400, "INVALID_PARAMETER_VALUE", "Invalid path");
                case RATE_LIMITED -> {
                  rc.response()
                      .putHeader("Retry-After", Long.toString(Math.max(1, d.retryAfterSeconds)));
                  error(
                      rc,
                      429,
                      "REQUEST_LIMIT_EXCEEDED",
                      "Too many failed logins from this client; retry later.");
                }
              }
            });
  }

  private Decision decide(
      Rule rule, Optional<Route> route, String header, String address, RequestFields fields) {
    Outcome outcome = auth.authenticate(header, address);
    if (outcome instanceof RateLimited limited) {
      return new Decision(Kind.RATE_LIMITED, null, limited.retryAfter().toSeconds());
    }
    if (!(outcome instanceof Authenticated authenticated)) {
      return new Decision(Kind.UNAUTHENTICATED, null, 0);
    }
    User user = authenticated.user();
    Optional<String> pathId = route.flatMap(Route::loggedModelId);
    String operation = route.map(Route::operation).orElse("");
    if (operation.startsWith("mlflow-artifacts/")) {
      Optional<String> rawPath = route.get().artifactPath().or(() -> fields.first("path"));
      try {
        // Canonicalised exactly as the artifact store will, so the permission is checked on the
        // path used.
        pathId = Optional.of(ArtifactPaths.normalise(rawPath.orElse("")));
      } catch (UnsafeArtifactPathException e) {
        return new Decision(Kind.INVALID_PATH, user, 0);
      }
    }
    if (!auth.permitted(user, rule, operation, fields, pathId)) {
      Log.debugf("permission denied: %s %s", user.username(), operation);
      return new Decision(Kind.FORBIDDEN, user, 0);
    }
    return new Decision(Kind.ALLOW, user, 0);
  }

  private JsonNode parse(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      JsonNode node = json.readTree(body.getBytes());
      // Old clients double-encode the JSON body as a string (reference/mlflow.md 1).
      if (node != null && node.isTextual()) {
        node = json.readTree(node.asText());
      }
      return node;
    } catch (IOException e) {
      // Not JSON: the REST layer answers 400; no field can be read for the decision.
      return null;
    }
  }

  private static Map<String, List<String>> query(RoutingContext rc) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    rc.queryParams()
        .forEach(e -> query.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return query;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static void unauthenticated(RoutingContext rc) {
    rc.response()
        .setStatusCode(401)
        .putHeader("WWW-Authenticate", "Basic realm=\"mlflow\"")
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end(UNAUTHENTICATED_TEXT);
  }

  private static void forbidden(RoutingContext rc) {
    rc.response()
        .setStatusCode(403)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end("Permission denied");
  }

  private void tooLarge(RoutingContext rc) {
    error(
        rc,
        413,
        "RESOURCE_EXHAUSTED",
        "Request body larger than " + (MAX_JSON_BODY >> 20) + " MiB.");
  }

  private void error(RoutingContext rc, int status, String code, String message) {
    String body;
    try {
      body = json.writeValueAsString(Map.of("error_code", code, "message", message));
    } catch (IOException e) {
      body = "{\"error_code\":\"" + code + "\"}";
    }
    rc.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body);
  }

  private enum Kind {
    ALLOW,
    UNAUTHENTICATED,
    FORBIDDEN,
    INVALID_PATH,
    RATE_LIMITED
  }

  private record Decision(Kind kind, User user, long retryAfterSeconds) {}
}
