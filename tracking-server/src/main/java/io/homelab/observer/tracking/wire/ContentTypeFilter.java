package io.homelab.observer.tracking.wire;

import io.homelab.observer.tracking.error.ErrorCode;
import io.homelab.observer.tracking.error.ErrorMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * MLflow's anti-CSRF rule (CVE-2023-43472): POST and PUT to the tracking API must carry {@code
 * Content-Type: application/json}, so a browser cannot send a "simple" cross-site form post. Raw
 * artifact uploads (mlflow-artifacts, ajax upload-artifact) are exempt, as in MLflow.
 */
public class ContentTypeFilter {

  @ServerRequestFilter
  public Optional<Response> requireJson(ContainerRequestContext ctx) {
    String method = ctx.getMethod();
    if (!"POST".equals(method) && !"PUT".equals(method)) {
      return Optional.empty();
    }
    String path = ctx.getUriInfo().getPath();
    if (!TrackingPaths.isTrackingApi(path) || path.endsWith("/upload-artifact")) {
      return Optional.empty();
    }
    String type = ctx.getHeaderString("Content-Type");
    if (type == null) {
      return Optional.of(
          ErrorMappers.body(
              ErrorCode.INVALID_PARAMETER_VALUE, "Bad Request. Content-Type header is missing."));
    }
    if (!type.split(";")[0].trim().equalsIgnoreCase("application/json")) {
      return Optional.of(
          ErrorMappers.body(
              ErrorCode.INVALID_PARAMETER_VALUE,
              "Bad Request. Content-Type must be one of ['application/json']."));
    }
    return Optional.empty();
  }
}
