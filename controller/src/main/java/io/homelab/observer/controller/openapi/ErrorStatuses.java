package io.homelab.observer.controller.openapi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Which error statuses an operation can answer, from what the document already says about it. One
 * rule per layer that refuses requests, so a new endpoint is documented correctly without a
 * per-method annotation; statuses only one endpoint gives (login's 401 and 429, a notifier test's
 * 502) are declared with {@code @APIResponse} on that method instead.
 */
final class ErrorStatuses {

  private static final Set<PathItem.HttpMethod> WRITES =
      Set.of(
          PathItem.HttpMethod.POST,
          PathItem.HttpMethod.PUT,
          PathItem.HttpMethod.PATCH,
          PathItem.HttpMethod.DELETE);

  /** Routes that call an agent (AgentGateway passes the agent's own 4xx on, 502/504 otherwise). */
  private static final String AGENT_ROUTES = "/api/environments";

  /** Routes that also take Basic credentials (Grafana's data source), rate-limited per account. */
  private static final String PROMETHEUS_ROUTES = "/api/v1/";

  static final String ERROR_SCHEMA = "ErrorBody";
  static final String PROMETHEUS_ERROR_SCHEMA = "PrometheusError";

  private ErrorStatuses() {}

  static Map<Integer, String> of(
      String path, PathItem.HttpMethod verb, Operation operation, boolean isPublic) {
    boolean hasParameters =
        operation.getParameters() != null && !operation.getParameters().isEmpty();
    boolean hasBody = operation.getRequestBody() != null;
    Map<Integer, String> statuses = new LinkedHashMap<>();
    boolean prometheus = path.startsWith(PROMETHEUS_ROUTES);
    if (hasParameters || hasBody || prometheus) {
      statuses.put(400, "a parameter or the body is malformed or out of range (BAD_REQUEST)");
    }
    if (prometheus) {
      // Prometheus' HTTP API reads its parameters itself, so the document lists none of them.
      statuses.put(422, "the query could not be evaluated (errorType execution)");
    }
    if (!isPublic) {
      statuses.put(401, "no bearer token, or it is unknown, expired or revoked (UNAUTHENTICATED)");
      statuses.put(403, "the caller's role is below the one this endpoint needs (FORBIDDEN)");
    }
    if (hasParameters) {
      statuses.put(404, "a resource named in the path or the query does not exist (NOT_FOUND)");
    }
    if (!isPublic && WRITES.contains(verb)) {
      statuses.put(409, "the change conflicts with what is stored (CONFLICT)");
    }
    if (hasBody) {
      statuses.put(413, "the body is over the size limit");
      statuses.put(415, "the body is not sent as application/json (UNSUPPORTED_MEDIA_TYPE)");
    }
    boolean agentRoute =
        path.startsWith(AGENT_ROUTES)
            && !(path.equals(AGENT_ROUTES) && verb == PathItem.HttpMethod.GET);
    if (agentRoute || prometheus) {
      statuses.put(429, "too many calls or failed logins; see Retry-After (TOO_MANY_REQUESTS)");
    }
    if (agentRoute) {
      statuses.put(502, "the agent is unreachable, refused this controller or answered badly");
      statuses.put(504, "the agent did not answer in time (AGENT_TIMEOUT)");
    }
    return statuses;
  }

  /**
   * The schema of an error answer: Prometheus' own shape where the query API answers it (as Grafana
   * expects), {@code {"error","message"}} everywhere else, the auth layer included.
   */
  static String schemaFor(String path, int status) {
    return path.startsWith(PROMETHEUS_ROUTES) && (status == 400 || status == 422)
        ? PROMETHEUS_ERROR_SCHEMA
        : ERROR_SCHEMA;
  }
}
