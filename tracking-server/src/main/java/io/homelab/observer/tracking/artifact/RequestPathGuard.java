package io.homelab.observer.tracking.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.error.BodyTooLargeException;
import io.homelab.observer.tracking.wire.BoundedBody;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Refuses, before routing and before auth, any request whose raw path has a {@code ..} segment in
 * any encoding (or a NUL): 400 INVALID_PARAMETER_VALUE "Invalid path", as MLflow's
 * validate_path_is_safe.
 *
 * <p>Why here and not only in {@link ArtifactPaths}: Vert.x removes dot segments from the path it
 * routes on, so {@code /api/2.0/mlflow-artifacts/artifacts/1/../2/x} would reach the artifact
 * resource as {@code 2/x} (and be checked against experiment 2's permission while the client named
 * 1), and {@code /health/../api/...} would look like the open health route to a naive check. No
 * MLflow client sends dot segments, so refusing them outright costs nothing and closes both.
 */
@Singleton
public class RequestPathGuard {

  /** Runs before the auth filter (priority 100): a bad path is refused whoever asks. */
  static final int PRIORITY = 200;

  private final ObjectMapper json;

  public RequestPathGuard(ObjectMapper json) {
    this.json = json;
  }

  void register(@Observes Filters filters) {
    filters.register(this::filter, PRIORITY);
  }

  void filter(RoutingContext rc) {
    String raw = rc.request().path();
    if (raw != null && (!isSafe(raw) || absoluteArtifactPath(raw))) {
      reject(rc, 400, "INVALID_PARAMETER_VALUE", "Invalid path");
      return;
    }
    // quarkus.http.limits.max-body-size is raised for artifact uploads, which stream to disk; every
    // other body is parsed in memory, so it keeps a cap here.
    String length = rc.request().getHeader("Content-Length");
    if (length != null && !raw.contains("/mlflow-artifacts/") && tooLong(length)) {
      // Close afterwards: otherwise the connection waits for a body it will never read.
      rc.response().putHeader("Connection", "close");
      reject(rc, 413, "RESOURCE_EXHAUSTED", BodyTooLargeException.message(MAX_BODY));
      return;
    }
    rc.next();
  }

  /** Largest non-artifact request body. */
  public static final long MAX_BODY = BoundedBody.MAX_IN_MEMORY;

  private static boolean tooLong(String length) {
    try {
      return Long.parseLong(length.trim()) > MAX_BODY;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /**
   * {@code /api/2.0/mlflow-artifacts/artifacts//etc/passwd}: Vert.x would route it with the slashes
   * merged, as the harmless relative {@code etc/passwd}; MLflow refuses it as an absolute path, and
   * so do we.
   */
  static boolean absoluteArtifactPath(String rawPath) {
    int at = rawPath.indexOf("/mlflow-artifacts/");
    return at >= 0 && rawPath.indexOf("//", at) >= 0;
  }

  /** Whether a raw request path is free of dot-dot segments and NULs after decoding every layer. */
  static boolean isSafe(String rawPath) {
    String decoded = rawPath;
    try {
      for (int round = 0; round <= ArtifactPaths.MAX_DECODE_ROUNDS; round++) {
        String next = ArtifactPaths.percentDecode(decoded);
        if (next.equals(decoded)) {
          break;
        }
        decoded = next;
      }
    } catch (UnsafeArtifactPathException e) {
      return false;
    }
    if (decoded.indexOf('\0') >= 0) {
      return false;
    }
    if (decoded.indexOf("..") < 0) {
      return true; // every request passes here: skip the split (a regex) when no segment can be ..
    }
    for (String segment : decoded.split("[/\\\\]", -1)) {
      if (segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private void reject(RoutingContext rc, int status, String code, String message) {
    String body;
    try {
      body = json.writeValueAsString(Map.of("error_code", code, "message", message));
    } catch (JsonProcessingException e) {
      body = "{\"error_code\":\"" + code + "\"}";
    }
    rc.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body);
  }
}
