package io.homelab.observer.tracking.auth;

import static io.homelab.observer.tracking.auth.UserPermissionRequests.*;

import io.homelab.observer.tracking.auth.AuthStore.Resource;
import io.homelab.observer.tracking.auth.UserRequests.Empty;
import io.homelab.observer.tracking.wire.RequestReader;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * MLflow 3.17's per-user permission API under {@code /api/3.0/mlflow/users/} (and {@code
 * /ajax-api/3.0/...} for the UI): {@code permissions/grant}, {@code permissions/revoke}, {@code
 * permissions/get} and {@code roles/list}. Authentication and the self-or-admin rule of {@code get}
 * and {@code roles/list} are {@link AuthFilter}'s; MANAGE on the resource for grant and revoke is
 * checked here, after the request is validated, as MLflow does.
 */
@Path("{prefix:(api|ajax-api)/3\\.0/mlflow}/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserPermissionResource {

  private final UserPermissionService service;
  private final AuthService auth;
  private final RequestReader reader;
  private final CurrentVertxRequest current;

  public UserPermissionResource(
      UserPermissionService service,
      AuthService auth,
      RequestReader reader,
      CurrentVertxRequest current) {
    this.service = service;
    this.auth = auth;
    this.reader = reader;
    this.current = current;
  }

  @POST
  @Path("permissions/grant")
  public Response grant(String body) {
    auth.requireEnabled();
    GrantFields f = reader.body(body, GrantFields.class);
    Resource resource = service.resource(f.resourceType(), f.resourceId());
    if (!service.mayManage(caller(), resource, f.resourceId())) {
      return forbidden();
    }
    service.grant(f, resource);
    return Response.ok(new Empty()).build();
  }

  @POST
  @Path("permissions/revoke")
  public Response revoke(String body) {
    auth.requireEnabled();
    GrantFields f = reader.body(body, GrantFields.class);
    Resource resource = service.resource(f.resourceType(), f.resourceId());
    if (!service.mayManage(caller(), resource, f.resourceId())) {
      return forbidden();
    }
    service.revoke(f, resource);
    return Response.ok(new Empty()).build();
  }

  @GET
  @Path("permissions/get")
  public PermissionCheck get(@Context UriInfo uri) {
    auth.requireEnabled();
    return service.check(reader.query(uri.getQueryParameters(), GrantFields.class));
  }

  @GET
  @Path("roles/list")
  public RolesResponse roles(@Context UriInfo uri) {
    auth.requireEnabled();
    return service.roles(uri.getQueryParameters().getFirst("username"));
  }

  private User caller() {
    return current.getCurrent().get(AuthFilter.USER_KEY);
  }

  /** MLflow's auth app denies with a plain-text 403, as AuthFilter does. */
  private static Response forbidden() {
    return Response.status(403).type(MediaType.TEXT_PLAIN).entity("Permission denied").build();
  }
}
