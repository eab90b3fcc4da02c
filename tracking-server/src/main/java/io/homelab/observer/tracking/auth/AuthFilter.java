package io.homelab.observer.tracking.auth;

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
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.wire.BoundedBody;
import io.homelab.observer.tracking.wire.CanonicalRequest;
import io.homelab.observer.tracking.wire.RequestCanonicaliser;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
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
 * thread. The JSON body of an MLflow call is read here once the credentials are good, bounded as it
 * arrives, and turned into the request's one {@link CanonicalRequest}: the decision is taken on it
 * and the handler binds the same object (stored on the routing context).
 */
@Singleton
public class AuthFilter {

  /**
   * Routing-context key of the authenticated {@link User}, for the REST layer and response filter.
   */
  public static final String USER_KEY = "homelab.auth.user";

  /**
   * Routing-context key set by an earlier filter that authenticated the request by other means (a
   * logs ingest token, {@code logs.token.IngestTokenFilter}, on the ingest routes only): such a
   * request skips basic auth.
   */
  public static final String PRE_AUTHENTICATED_KEY = "homelab.auth.preAuthenticated";

  static final int PRIORITY = 100;

  /** The OTLP span endpoint names its experiment in this header (MLflow 3). */
  static final String EXPERIMENT_HEADER = "x-mlflow-experiment-id";

  /** Bodies read for a permission decision are capped; artifact uploads are never read here. */
  static final long MAX_JSON_BODY = RequestPathGuard.MAX_BODY;

  static final String UNAUTHENTICATED_TEXT =
      "You are not authenticated. Please see "
          + "https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow "
          + "on how to authenticate.";

  private final AuthService auth;
  private final RequestCanonicaliser canonicaliser;
  private final ObjectMapper json;
  private final boolean enabled;

  public AuthFilter(
      AuthService auth,
      RequestCanonicaliser canonicaliser,
      ObjectMapper json,
      TrackingConfig config) {
    this.auth = auth;
    this.canonicaliser = canonicaliser;
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
      AuthReplies.unauthenticated(rc);
      return;
    }
    Optional<Route> route = AccessRules.route(method, path);
    Optional<String> operation = canonicalOperation(path, route);
    // upload-artifact carries raw file bytes and names its run in the query string.
    boolean jsonBody =
        operation.isPresent()
            && !method.equals("GET")
            && !method.equals("HEAD")
            && !operation.get().equals("upload-artifact");
    if (!jsonBody) {
      // Hold the body (an artifact upload may be streaming in) until the decision; the REST layer
      // resumes the request when it reads.
      request.pause();
      decideAsync(rc, rule, route, operation, null, header, null);
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && AuthReplies.parseLong(length) > MAX_JSON_BODY) {
      AuthReplies.tooLarge(json, rc);
      return;
    }
    // The credentials are checked before a byte of the body is read: an unauthenticated client
    // never makes the server buffer anything. The permission decision needs the body's fields, so
    // it follows the (bounded) read: a chunked body without Content-Length is cut off at the limit.
    request.pause();
    String address = address(rc);
    rc.vertx()
        .executeBlocking(() -> authenticate(header, address), false)
        .onComplete(
            authenticated -> {
              if (authenticated.failed()) {
                Log.errorf(authenticated.cause(), "authentication failed");
                AuthReplies.error(json, rc, 500, "INTERNAL_ERROR", "Internal error.");
                return;
              }
              Decision who = authenticated.result();
              if (who.kind != Kind.ALLOW) {
                answer(rc, who, operation);
                return;
              }
              BoundedBody.read(request, MAX_JSON_BODY)
                  .onComplete(
                      ar -> {
                        if (ar.failed()) {
                          if (ar.cause() instanceof BoundedBody.TooLarge) {
                            AuthReplies.tooLarge(json, rc);
                          } else {
                            rc.fail(400, ar.cause());
                          }
                          return;
                        }
                        Buffer body = ar.result();
                        // The REST layer takes a body already read from the routing context.
                        rc.setBody(body);
                        decideAsync(
                            rc,
                            rule,
                            route,
                            operation,
                            who.user,
                            header,
                            body.toString(StandardCharsets.UTF_8));
                      });
            });
  }

  /**
   * The MLflow operation of a request whose fields come through the {@link CanonicalRequest}: the
   * JSON API and the run and model-version artifact routes; empty for the artifact proxy (its
   * resource is the path) and for routes outside MLflow's API.
   */
  static Optional<String> canonicalOperation(String path, Optional<Route> route) {
    if (path.equals("/get-artifact") || path.equals("/model-versions/get-artifact")) {
      return Optional.of(path.substring(1));
    }
    return route.map(Route::operation).filter(op -> !op.startsWith("mlflow-artifacts/"));
  }

  /** {@code user} is null when the credentials are still to be checked. */
  private void decideAsync(
      RoutingContext rc,
      Rule rule,
      Optional<Route> route,
      Optional<String> operation,
      User user,
      String header,
      String body) {
    String address = address(rc);
    String method = rc.request().method().name();
    Map<String, List<String>> query = query(rc);
    Optional<String> experimentHeader =
        Optional.ofNullable(rc.request().getHeader(EXPERIMENT_HEADER));
    rc.vertx()
        .executeBlocking(
            () -> {
              Decision who = user != null ? allowed(user) : authenticate(header, address);
              if (who.kind != Kind.ALLOW) {
                return who;
              }
              return authorise(
                  who.user, rule, route, operation, method, query, body, experimentHeader);
            },
            false)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                Log.errorf(ar.cause(), "auth decision failed");
                AuthReplies.error(json, rc, 500, "INTERNAL_ERROR", "Internal error.");
                return;
              }
              answer(rc, ar.result(), operation);
            });
  }

  private void answer(RoutingContext rc, Decision d, Optional<String> operation) {
    switch (d.kind) {
      case ALLOW -> {
        rc.put(USER_KEY, d.user);
        if (operation.isPresent()) {
          rc.put(CanonicalRequest.KEY, d.request);
        }
        rc.next();
      }
      case UNAUTHENTICATED -> AuthReplies.unauthenticated(rc);
      case FORBIDDEN -> AuthReplies.forbidden(rc);
      case INVALID -> AuthReplies.error(json, rc, 400, "INVALID_PARAMETER_VALUE", d.message);
      case RATE_LIMITED -> {
        rc.response().putHeader("Retry-After", Long.toString(Math.max(1, d.retryAfterSeconds)));
        AuthReplies.error(json, rc, 429, "REQUEST_LIMIT_EXCEEDED", d.message);
      }
    }
  }

  private static String address(RoutingContext rc) {
    return rc.request().remoteAddress() == null
        ? "unknown"
        : rc.request().remoteAddress().hostAddress();
  }

  /** The caller's credentials: ALLOW with the user, or why not. Blocks (password hashing). */
  private Decision authenticate(String header, String address) {
    Outcome outcome = auth.authenticate(header, address);
    if (outcome instanceof RateLimited limited) {
      return new Decision(
          Kind.RATE_LIMITED, null, limited.retryAfter().toSeconds(), limited.reason(), null);
    }
    if (!(outcome instanceof Authenticated authenticated)) {
      return new Decision(Kind.UNAUTHENTICATED, null, 0, null, null);
    }
    return allowed(authenticated.user());
  }

  private static Decision allowed(User user) {
    return new Decision(Kind.ALLOW, user, 0, null, null);
  }

  /** The permission decision of an authenticated user, on the request's canonical fields. */
  private Decision authorise(
      User user,
      Rule rule,
      Optional<Route> route,
      Optional<String> operation,
      String method,
      Map<String, List<String>> query,
      String body,
      Optional<String> experimentHeader) {
    CanonicalRequest request;
    try {
      // Artifact-proxy listings name their directory in the query string (GET): read the same
      // way; the other proxy routes carry their resource in the path only.
      request =
          operation.isPresent()
              ? canonicaliser.read(method, operation.get(), query, body)
              : canonicaliser.read("GET", "", method.equals("GET") ? query : Map.of(), null);
    } catch (MlflowException e) {
      return new Decision(Kind.INVALID, user, 0, e.getMessage(), null);
    }
    Optional<String> pathId =
        route
            .flatMap(Route::loggedModelId)
            .or(() -> route.flatMap(Route::traceId))
            .or(() -> route.flatMap(Route::datasetId))
            .or(() -> route.flatMap(r -> IssueTargets.issueId(r.operation())));
    if (rule instanceof AccessRules.OnResource r
        && r.target() == AccessRules.Target.EXPERIMENT_HEADER) {
      pathId = experimentHeader;
    }
    String op = operation.or(() -> route.map(Route::operation)).orElse("");
    if (op.startsWith("mlflow-artifacts/")) {
      Optional<String> rawPath = route.get().artifactPath().or(() -> request.first("path"));
      try {
        // Canonicalised exactly as the artifact store will, so the permission is checked on the
        // path used.
        pathId = Optional.of(ArtifactPaths.normalise(rawPath.orElse("")));
      } catch (UnsafeArtifactPathException e) {
        return new Decision(Kind.INVALID, user, 0, "Invalid path", null);
      }
    }
    if (rule instanceof AccessRules.SelfOrAdmin
        && !user.admin()
        && request.first("username").isEmpty()) {
      // MLflow's validator reads the username first: a body without one (even a literal null) is
      // 400 "Missing value", not a refusal.
      return new Decision(
          Kind.INVALID, user, 0, MlflowException.missing("username").getMessage(), null);
    }
    if (!auth.permitted(user, rule, op, request, pathId)) {
      Log.debugf("permission denied: %s %s", user.username(), op);
      return new Decision(Kind.FORBIDDEN, user, 0, null, null);
    }
    return new Decision(Kind.ALLOW, user, 0, null, request);
  }

  private static Map<String, List<String>> query(RoutingContext rc) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    rc.queryParams()
        .forEach(e -> query.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return query;
  }

  private enum Kind {
    ALLOW,
    UNAUTHENTICATED,
    FORBIDDEN,
    INVALID,
    RATE_LIMITED
  }

  private record Decision(
      Kind kind, User user, long retryAfterSeconds, String message, CanonicalRequest request) {}
}
