package io.homelab.observer.tracking.auth;

import static io.homelab.observer.tracking.auth.UserRequests.*;

import io.homelab.observer.tracking.auth.AuthStore.Resource;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.wire.RequestReader;
import io.homelab.observer.tracking.wire.TrackingPaths;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestPath;

/**
 * MLflow basic-auth's permission API: {@code experiments/permissions/*} keyed by experiment_id and
 * {@code registered-models/permissions/*} keyed by name; callers need MANAGE on the resource
 * (checked by {@link AuthFilter}).
 */
@Path(TrackingPaths.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class PermissionResource {

  /** How one kind of resource's permission API differs: its id field and its response shape. */
  private record Kind<R>(
      Resource resource, Function<PermissionFields, String> id, ResponseShape<R> response) {}

  @FunctionalInterface
  private interface ResponseShape<R> {
    R of(String resourceId, long userId, String permission);
  }

  private static final Kind<ExperimentPermissionResponse> EXPERIMENT =
      new Kind<>(
          Resource.EXPERIMENT,
          PermissionFields::experimentId,
          (id, userId, p) ->
              new ExperimentPermissionResponse(new ExperimentPermissionView(id, userId, p)));
  private static final Kind<RegisteredModelPermissionResponse> REGISTERED_MODEL =
      new Kind<>(
          Resource.REGISTERED_MODEL,
          PermissionFields::name,
          (name, userId, p) ->
              new RegisteredModelPermissionResponse(
                  new RegisteredModelPermissionView(name, userId, p)));

  /** The path segment naming the kind; the regular expression admits only these two. */
  private static final String KINDS = "{kind:experiments|registered-models}";

  private final AuthStore store;
  private final RequestReader reader;
  private final AuthService guard;

  public PermissionResource(AuthStore store, RequestReader reader, AuthService guard) {
    this.store = store;
    this.reader = reader;
    this.guard = guard;
  }

  // One route per verb serves both kinds; {kind} picks the resource's id field and response shape.
  @POST
  @Path(KINDS + "/permissions/create")
  public Object create(@RestPath String kind, String body) {
    return create(kind(kind), body);
  }

  @GET
  @Path(KINDS + "/permissions/get")
  public Object get(@RestPath String kind, @Context UriInfo uri) {
    return get(kind(kind), uri);
  }

  @PATCH
  @Path(KINDS + "/permissions/update")
  public Empty update(@RestPath String kind, String body) {
    return update(kind(kind), body);
  }

  @DELETE
  @Path(KINDS + "/permissions/delete")
  public Empty delete(@RestPath String kind, String body) {
    return delete(kind(kind), body);
  }

  private static Kind<?> kind(String path) {
    return "experiments".equals(path) ? EXPERIMENT : REGISTERED_MODEL;
  }

  private <R> R create(Kind<R> kind, String body) {
    guard.requireEnabled();
    PermissionFields req = reader.body(body, PermissionFields.class);
    String id = resourceId(kind, req);
    User user = user(req.username());
    Permission p = permission(req.permission());
    store.createPermission(kind.resource(), id, user.id(), user.username(), p);
    return kind.response().of(id, user.id(), p.name());
  }

  private <R> R get(Kind<R> kind, UriInfo uri) {
    guard.requireEnabled();
    PermissionFields req = reader.query(uri.getQueryParameters(), PermissionFields.class);
    String id = resourceId(kind, req);
    User user = user(req.username());
    Permission p =
        store
            .permission(kind.resource(), id, user.id())
            .orElseThrow(() -> AuthStore.permissionNotFound(kind.resource(), id, user.username()));
    return kind.response().of(id, user.id(), p.name());
  }

  private Empty update(Kind<?> kind, String body) {
    guard.requireEnabled();
    PermissionFields req = reader.body(body, PermissionFields.class);
    String id = resourceId(kind, req);
    User user = user(req.username());
    store.updatePermission(
        kind.resource(), id, user.id(), user.username(), permission(req.permission()));
    return new Empty();
  }

  private Empty delete(Kind<?> kind, String body) {
    guard.requireEnabled();
    PermissionFields req = reader.body(body, PermissionFields.class);
    String id = resourceId(kind, req);
    User user = user(req.username());
    store.deletePermission(kind.resource(), id, user.id(), user.username());
    return new Empty();
  }

  private static String resourceId(Kind<?> kind, PermissionFields req) {
    return required(kind.id().apply(req), kind.resource().key);
  }

  private User user(String username) {
    String name = required(username, "username");
    return store.user(name).orElseThrow(() -> AuthStore.userNotFound(name));
  }

  private static Permission permission(String name) {
    String value = required(name, "permission");
    return Permission.parse(value)
        .orElseThrow(() -> MlflowException.invalid(Permission.invalidMessage(value)));
  }

  private static String required(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw MlflowException.missing(field);
    }
    return value;
  }
}
