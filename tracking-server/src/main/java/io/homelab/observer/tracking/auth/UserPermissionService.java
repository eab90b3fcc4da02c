package io.homelab.observer.tracking.auth;

import static io.homelab.observer.tracking.auth.UserPermissionRequests.*;

import io.homelab.observer.tracking.auth.AuthStore.Resource;
import io.homelab.observer.tracking.error.MlflowException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * MLflow 3.17's per-user permission API over our per-user grant tables: a grant on an experiment, a
 * registered model or a scorer is one permission row; MLflow keeps it in the user's synthetic role
 * {@code __user_<id>__}, which is how {@code users/roles/list} shows it. Validation and messages
 * follow MLflow's store (mlflow/server/auth/sqlalchemy_store.py, permissions.py).
 */
@ApplicationScoped
public class UserPermissionService {

  /** MLflow's resource types; only experiment, registered_model and scorer carry grants here. */
  static final Set<String> MLFLOW_RESOURCE_TYPES =
      Set.of(
          "workspace",
          "experiment",
          "registered_model",
          "prompt",
          "scorer",
          "gateway_secret",
          "gateway_endpoint",
          "gateway_model_definition",
          "mcp_server",
          "run",
          "trace",
          "assessment",
          "logged_model",
          "review_queue",
          "registered_model_version",
          "prompt_version",
          "scorer_version",
          "mcp_server_version");

  private static final Set<Permission> GRANTABLE =
      Set.of(Permission.READ, Permission.USE, Permission.EDIT, Permission.MANAGE, Permission.DENY);

  private final AuthStore store;
  private final AuthService auth;

  public UserPermissionService(AuthStore store, AuthService auth) {
    this.store = store;
    this.auth = auth;
  }

  /**
   * Checks the resource type and id before anything else (MLflow's before-request validator), so a
   * malformed request is a 400 whoever sends it.
   */
  Resource resource(String type, String id) {
    required("resource_type", type);
    required("resource_id", id);
    if (type.equals("workspace")) {
      throw MlflowException.invalid(
          "resource_type 'workspace' is not supported by the per-user permission API.");
    }
    if (!MLFLOW_RESOURCE_TYPES.contains(type)) {
      throw MlflowException.invalid(
          "Invalid resource type '"
              + type
              + "'. Valid resource types are: "
              + MLFLOW_RESOURCE_TYPES.stream().sorted().toList());
    }
    if (type.equals("scorer") && !id.matches("[^/]+/[^/]+")) {
      throw MlflowException.invalid(
          "Invalid scorer resource_id. Expected '<experiment_id>/<scorer_name>'.");
    }
    return switch (type) {
      case "experiment" -> Resource.EXPERIMENT;
      case "registered_model" -> Resource.REGISTERED_MODEL;
      case "scorer" -> Resource.SCORER;
      default ->
          throw MlflowException.invalid(
              "resource_type '"
                  + type
                  + "' is not supported by this server (experiment, registered_model and "
                  + "scorer grants only).");
    };
  }

  /** Admins may grant anything; other users need MANAGE on the resource. */
  boolean mayManage(User caller, Resource resource, String id) {
    return auth.effective(caller, resource, id).allows(Permission.Action.MANAGE);
  }

  void grant(GrantFields f, Resource resource) {
    required("permission", f.permission());
    Permission p =
        Permission.parse(f.permission())
            .orElseThrow(
                () ->
                    MlflowException.invalid(
                        "Invalid permission '"
                            + f.permission()
                            + "'. Valid permissions are: ('READ', 'USE', 'EDIT', 'MANAGE',"
                            + " 'NO_PERMISSIONS', 'DENY')"));
    if (!GRANTABLE.contains(p)) {
      throw MlflowException.invalid(
          "Invalid permission '"
              + f.permission()
              + "' for resource_type='"
              + f.resourceType()
              + "'. Resource-level grants accept only: ('DENY', 'EDIT', 'MANAGE', 'READ', 'USE').");
    }
    User target = user(f.username());
    if (store.permission(resource, f.resourceId(), target.id()).isPresent()) {
      throw MlflowException.exists(duplicate(f));
    }
    store.createPermission(resource, f.resourceId(), target.id(), target.username(), p);
  }

  void revoke(GrantFields f, Resource resource) {
    User target = user(f.username());
    store.deletePermission(resource, f.resourceId(), target.id(), target.username());
  }

  /** The permission a request of the user would get: explicit grant, else the default. */
  PermissionCheck check(GrantFields f) {
    Resource resource = resource(f.resourceType(), f.resourceId());
    User target = user(f.username());
    Permission p = auth.effective(target, resource, f.resourceId());
    // MLflow's "allowed" is can_use: READ alone is not regular use.
    boolean allowed = p == Permission.USE || p == Permission.EDIT || p == Permission.MANAGE;
    return new PermissionCheck(allowed, p.name());
  }

  /** The user's synthetic role with its grants; no role when the user has none. */
  RolesResponse roles(String username) {
    User user = user(username);
    List<RolePermissionView> permissions = new ArrayList<>();
    addGrants(permissions, user, Resource.EXPERIMENT, "experiment");
    addGrants(permissions, user, Resource.REGISTERED_MODEL, "registered_model");
    addGrants(permissions, user, Resource.SCORER, "scorer");
    if (permissions.isEmpty()) {
      return new RolesResponse(List.of());
    }
    return new RolesResponse(
        List.of(
            new RoleView(
                user.id(),
                "__user_" + user.id() + "__",
                "default",
                null,
                List.copyOf(permissions))));
  }

  private void addGrants(List<RolePermissionView> out, User user, Resource resource, String type) {
    for (AuthStore.Grant g : store.grants(resource, user.id())) {
      out.add(
          new RolePermissionView(
              out.size() + 1L, user.id(), type, g.resourceId(), g.permission().name()));
    }
  }

  private User user(String username) {
    required("username", username);
    return store.user(username).orElseThrow(() -> AuthStore.userNotFound(username));
  }

  private static String duplicate(GrantFields f) {
    return "Permission for user="
        + f.username()
        + " on resource_type="
        + f.resourceType()
        + ", resource_id="
        + f.resourceId()
        + " already exists.";
  }

  private static void required(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw MlflowException.missing(name);
    }
  }
}
