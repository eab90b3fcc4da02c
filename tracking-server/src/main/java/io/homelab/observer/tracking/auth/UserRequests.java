package io.homelab.observer.tracking.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Request and response bodies of the users and permissions API (MLflow basic-auth shapes). */
public final class UserRequests {

  private UserRequests() {}

  /** users/create, users/get, users/update-password, users/update-admin, users/delete. */
  @RegisterForReflection
  public record UserFields(
      String username,
      String password,
      @JsonProperty("current_password") String currentPassword,
      // A JSON boolean from clients, text from query strings: read as given, parsed by the
      // resource.
      @JsonProperty("is_admin") JsonNode isAdmin) {}

  @RegisterForReflection
  public record UserView(
      long id,
      String username,
      @JsonProperty("is_admin") boolean isAdmin,
      @JsonProperty("experiment_permissions") List<ExperimentPermissionView> experimentPermissions,
      @JsonProperty("registered_model_permissions")
          List<RegisteredModelPermissionView> registeredModelPermissions) {}

  @RegisterForReflection
  public record UserResponse(UserView user) {}

  @RegisterForReflection
  public record ExperimentPermissionView(
      @JsonProperty("experiment_id") String experimentId,
      @JsonProperty("user_id") long userId,
      String permission) {}

  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RegisteredModelPermissionView(
      String name, @JsonProperty("user_id") long userId, String permission) {}

  /** The empty object MLflow answers mutations with. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Empty() {}
}
