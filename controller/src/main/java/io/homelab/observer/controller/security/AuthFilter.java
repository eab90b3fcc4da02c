package io.homelab.observer.controller.security;

import io.homelab.observer.common.error.ApiException;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates the bearer token and enforces {@link Access} on every endpoint.
 *
 * <p>Fails closed: an endpoint with neither {@link Access} nor {@link Public} is refused and
 * logged, so a new endpoint cannot ship open by accident. Runs on the worker thread (the default
 * for blocking endpoints), where the token lookup may touch the database.
 */
public class AuthFilter {

  private final TokenResolver tokens;
  private final CurrentUser current;
  private final BasicResolver basic;

  public AuthFilter(TokenResolver tokens, CurrentUser current, BasicResolver basic) {
    this.tokens = tokens;
    this.current = current;
    this.basic = basic;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public void authenticate(
      ContainerRequestContext ctx, ResourceInfo resource, HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    current.address(remote == null ? null : remote.hostAddress());
    Method method = resource.getResourceMethod();
    if (method == null) {
      return; // unmatched: the 404/405 mapping answers
    }
    boolean isPublic =
        method.isAnnotationPresent(Public.class)
            || resource.getResourceClass().isAnnotationPresent(Public.class);
    String header = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (isPublic) {
      return;
    }
    Access access = method.getAnnotation(Access.class);
    if (access == null) {
      access = resource.getResourceClass().getAnnotation(Access.class);
    }
    if (access == null) {
      Log.errorf(
          "endpoint %s.%s has no @Access rule; refused",
          resource.getResourceClass().getSimpleName(), method.getName());
      throw ApiException.forbidden("this endpoint has no access rule");
    }
    if (header == null || header.isBlank()) {
      throw ApiException.unauthenticated(
          "missing Authorization: Bearer <token> (POST /api/auth/login)");
    }
    boolean prometheusApi = request.path() != null && request.path().startsWith("/api/v1/");
    if (prometheusApi && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      // Grafana's Prometheus data source: Basic auth with a controller account (BasicAuth).
      Principal principal = basic.resolve(header, remote == null ? null : remote.hostAddress());
      current.set(principal);
      checkRole(principal, access);
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthenticated("Authorization must use the Bearer scheme");
    }
    Principal principal =
        tokens
            .resolve(header.substring(7).trim())
            .orElseThrow(
                () ->
                    ApiException.unauthenticated(
                        "token is unknown, expired or revoked; log in again"));
    current.set(principal);
    checkRole(principal, access);
  }

  private static void checkRole(Principal principal, Access access) {
    if (!principal.role().includes(access.value())) {
      throw ApiException.forbidden(
          "this needs the " + access.value().wire() + " role; you are " + principal.role().wire());
    }
  }
}
