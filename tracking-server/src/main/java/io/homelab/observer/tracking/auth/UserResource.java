package io.homelab.observer.tracking.auth;

import static io.homelab.observer.tracking.auth.UserRequests.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.tracking.auth.AuthStore.Resource;
import io.homelab.observer.tracking.error.ErrorCode;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.wire.RequestReader;
import io.homelab.observer.tracking.wire.TrackingPaths;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.Optional;

/**
 * MLflow basic-auth's users API under {@code /api/2.0/mlflow/users/*}; who may call what is decided
 * before this resource by {@link AuthFilter} ({@link AccessRules}: create/update-admin/delete admin
 * only, get/update-password self or admin).
 */
@Path(TrackingPaths.PREFIX + "/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  private final AuthService auth;
  private final AuthStore store;
  private final RequestReader reader;
  private final CurrentVertxRequest current;

  public UserResource(
      AuthService auth, AuthStore store, RequestReader reader, CurrentVertxRequest current) {
    this.auth = auth;
    this.store = store;
    this.reader = reader;
    this.current = current;
  }

  @POST
  @Path("create")
  public UserResponse create(String body) {
    auth.requireEnabled();
    UserFields req = reader.body(body, UserFields.class);
    if (req.username() == null
        || req.username().isEmpty()
        || req.password() == null
        || req.password().isEmpty()) {
      throw MlflowException.invalid("Username and password cannot be empty.");
    }
    User user = auth.createUser(req.username(), req.password(), false);
    return new UserResponse(view(user));
  }

  @GET
  @Path("get")
  public UserResponse get(@Context UriInfo uri) {
    auth.requireEnabled();
    UserFields req = reader.query(uri.getQueryParameters(), UserFields.class);
    return new UserResponse(view(existing(req.username())));
  }

  @PATCH
  @Path("update-password")
  public Empty updatePassword(String body) {
    auth.requireEnabled();
    UserFields req = reader.body(body, UserFields.class);
    User target = existing(req.username());
    if (caller().map(c -> c.id() == target.id()).orElse(false)) {
      // As MLflow 3: changing one's own password needs the current one, so a stolen session alone
      // cannot lock the owner out.
      if (req.currentPassword() == null || req.currentPassword().isEmpty()) {
        throw MlflowException.invalid(
            "Current password is required when changing your own password.");
      }
      if (!auth.checkPassword(target, req.currentPassword())) {
        throw MlflowException.invalid("Current password does not match.");
      }
      if (req.currentPassword().equals(req.password())) {
        throw MlflowException.invalid("New password must differ from the current password.");
      }
    }
    auth.updatePassword(target.username(), req.password());
    return new Empty();
  }

  @PATCH
  @Path("update-admin")
  public Empty updateAdmin(String body) {
    auth.requireEnabled();
    UserFields req = reader.body(body, UserFields.class);
    User target = existing(req.username());
    auth.updateAdmin(target.username(), parseBool(req.isAdmin()));
    return new Empty();
  }

  @DELETE
  @Path("delete")
  public Empty delete(String body) {
    auth.requireEnabled();
    UserFields req = reader.body(body, UserFields.class);
    User target = existing(req.username());
    if (caller().map(c -> c.id() == target.id()).orElse(false)) {
      throw new MlflowException(
          ErrorCode.BAD_REQUEST,
          "Users cannot delete their own account. Ask another admin to delete this user instead.");
    }
    auth.deleteUser(target.username());
    return new Empty();
  }

  private User existing(String username) {
    if (username == null || username.isEmpty()) {
      throw MlflowException.missing("username");
    }
    return store.user(username).orElseThrow(() -> AuthStore.userNotFound(username));
  }

  private Optional<User> caller() {
    return Optional.ofNullable(current.getCurrent()).map(rc -> rc.get(AuthFilter.USER_KEY));
  }

  private UserView view(User user) {
    return new UserView(
        user.id(),
        user.username(),
        user.admin(),
        store.grants(Resource.EXPERIMENT, user.id()).stream()
            .map(
                g -> new ExperimentPermissionView(g.resourceId(), user.id(), g.permission().name()))
            .toList(),
        store.grants(Resource.REGISTERED_MODEL, user.id()).stream()
            .map(
                g ->
                    new RegisteredModelPermissionView(
                        g.resourceId(), user.id(), g.permission().name()))
            .toList());
  }

  /** MLflow accepts a JSON bool or its text form for is_admin. */
  static boolean parseBool(JsonNode node) {
    if (node == null || node.isNull()) {
      throw MlflowException.missing("is_admin");
    }
    String value = node.asText();
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw MlflowException.invalid(
              "Invalid value for is_admin: '" + value + "' (true or false)");
    };
  }
}
