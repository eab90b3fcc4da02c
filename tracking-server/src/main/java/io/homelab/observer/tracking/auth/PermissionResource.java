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

/**
 * MLflow basic-auth's permission API: {@code experiments/permissions/*} keyed by experiment_id and
 * {@code registered-models/permissions/*} keyed by name; callers need MANAGE on the resource
 * (checked by {@link AuthFilter}).
 */
@Path(TrackingPaths.PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class PermissionResource {

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
    guard.requireEnabled();
    PermissionFields req = reader.body(body, PermissionFields.class);
    String id = required(req.experimentId(), "experiment_id");
    User user = user(req.username());
    Permission p = permission(req.permission());
    store.createPermission(Resource.EXPERIMENT, id, user.id(), user.username(), p);
    return new ExperimentPermissionResponse(new ExperimentPermissionView(id, user.id(), p.name()));
  }

  @GET
  @Path("experiments/permissions/get")
  public ExperimentPermissionResponse getExperiment(@Context UriInfo uri) {
    guard.requireEnabled();
    PermissionFields req = reader.query(uri.getQueryParameters(), PermissionFields.class);
    String id = required(req.experimentId(), "experiment_id");
    User user = user(req.username());
    Permission p =
        store
            .permission(Resource.EXPERIMENT, id, user.id())
            .orElseThrow(
                () ->
                    MlflowException.notFound(
                        "Experiment permission with experiment_id="
                            + id
                            + " and username="
                            + user.username()
                            + " not found"));
    return new ExperimentPermissionResponse(new ExperimentPermissionView(id, user.id(), p.name()));
  }

  @PATCH
  @Path("experiments/permissions/update")
  public Empty updateExperiment(String body) {
    guard.requireEnabled();
    PermissionFields req = reader.body(body, PermissionFields.class);
    String id = required(req.experimentId(), "experiment_id");
    User user = user(req.username());
    store.updatePermission(
        Resource.EXPERIMENT, id, user.id(), user.username(), permission(req.permission()));
    return new Empty();
  }

  @DELETE
  @Path("experiments/permissions/delete")
  public Empty deleteExperiment(String body) {
    guard.requireEnabled();
    PermissionFields req = reader.body(body, PermissionFields.class);
    String id = required(req.experimentId(), "experiment_id");
    User user = user(req.username());
    store.deletePermission(Resource.EXPERIMENT, id, user.id(), user.username());
    return new Empty();
  }

  @POST
  @Path("registered-models/permissions/create")
  public RegisteredModelPermissionResponse createModel(String body) {
    guard.requireEnabled();
    PermissionFields req = reader.body(body, PermissionFields.class);
    String name = required(req.name(), "name");
    User user = user(req.username());
    Permission p = permission(req.permission());
    store.createPermission(Resource.REGISTERED_MODEL, name, user.id(), user.username(), p);
    return new RegisteredModelPermissionResponse(
        new RegisteredModelPermissionView(name, user.id(), p.name()));
  }

  @GET
  @Path("registered-models/permissions/get")
  public RegisteredModelPermissionResponse getModel(@Context UriInfo uri) {
    guard.requireEnabled();
    PermissionFields req = reader.query(uri.getQueryParameters(), PermissionFields.class);
    String name = required(req.name(), "name");
    User user = user(req.username());
    Permission p =
        store
            .permission(Resource.REGISTERED_MODEL, name, user.id())
            .orElseThrow(
                () ->
                    MlflowException.notFound(
                        "Registered model permission with name="
                            + name
                            + " and username="
                            + user.username()
                            + " not found"));
    return new RegisteredModelPermissionResponse(
        new RegisteredModelPermissionView(name, user.id(), p.name()));
  }

  @PATCH
  @Path("registered-models/permissions/update")
  public Empty updateModel(String body) {
    guard.requireEnabled();
    PermissionFields req = reader.body(body, PermissionFields.class);
    String name = required(req.name(), "name");
    User user = user(req.username());
    store.updatePermission(
        Resource.REGISTERED_MODEL, name, user.id(), user.username(), permission(req.permission()));
    return new Empty();
  }

  @DELETE
  @Path("registered-models/permissions/delete")
  public Empty deleteModel(String body) {
    guard.requireEnabled();
    PermissionFields req = reader.body(body, PermissionFields.class);
    String name = required(req.name(), "name");
    User user = user(req.username());
    store.deletePermission(Resource.REGISTERED_MODEL, name, user.id(), user.username());
    return new Empty();
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
