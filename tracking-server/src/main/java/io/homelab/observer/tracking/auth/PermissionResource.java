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

  private final AuthStore store;
  private final RequestReader reader;
  private final AuthService guard;

  public PermissionResource(AuthStore store, RequestReader reader, AuthService guard) {
    this.store = store;
    this.reader = reader;
    this.guard = guard;
  }

  @POST
  @Path("experiments/permissions/create")
  public ExperimentPermissionResponse createExperiment(String body) {
    return create(EXPERIMENT, body);
  }

  @GET
  @Path("experiments/permissions/get")
  public ExperimentPermissionResponse getExperiment(@Context UriInfo uri) {
    return get(EXPERIMENT, uri);
  }

  @PATCH
  @Path("experiments/permissions/update")
  public Empty updateExperiment(String body) {
    return update(EXPERIMENT, body);
  }

  @DELETE
  @Path("experiments/permissions/delete")
  public Empty deleteExperiment(String body) {
    return delete(EXPERIMENT, body);
  }

  @POST
  @Path("registered-models/permissions/create")
  public RegisteredModelPermissionResponse createModel(String body) {
    return create(REGISTERED_MODEL, body);
  }

  @GET
  @Path("registered-models/permissions/get")
  public RegisteredModelPermissionResponse getModel(@Context UriInfo uri) {
    return get(REGISTERED_MODEL, uri);
  }

  @PATCH
  @Path("registered-models/permissions/update")
  public Empty updateModel(String body) {
    return update(REGISTERED_MODEL, body);
  }

  @DELETE
  @Path("registered-models/permissions/delete")
  public Empty deleteModel(String body) {
    return delete(REGISTERED_MODEL, body);
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
