package io.homelab.observer.tracking.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Bodies of MLflow 3.17's per-user permission API ({@code /api/3.0/mlflow/users/...}). */
public final class UserPermissionRequests {

  private UserPermissionRequests() {}

  /** users/permissions/grant, revoke and get. */
  @RegisterForReflection
  public record GrantFields(
      String username,
      @JsonProperty("resource_type") String resourceType,
      @JsonProperty("resource_id") String resourceId,
      String permission) {}

  /** users/permissions/get: the effective permission and whether it allows regular use. */
  @RegisterForReflection
  public record PermissionCheck(boolean allowed, String permission) {}

  /** One grant of a role, as MLflow's RolePermission. */
  @RegisterForReflection
  public record RolePermissionView(
      long id,
      @JsonProperty("role_id") long roleId,
      @JsonProperty("resource_type") String resourceType,
      @JsonProperty("resource_pattern") String resourcePattern,
      String permission) {}

  /** A role as MLflow's Role; ours are the per-user synthetic roles only. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record RoleView(
      long id,
      String name,
      String workspace,
      String description,
      List<RolePermissionView> permissions) {}

  @RegisterForReflection
  public record RolesResponse(List<RoleView> roles) {}

  /** users/current: who the request is authenticated as. */
  @RegisterForReflection
  public record CurrentUser(long id, String username, @JsonProperty("is_admin") boolean isAdmin) {}

  @RegisterForReflection
  public record CurrentUserResponse(
      CurrentUser user, @JsonProperty("is_basic_auth") boolean isBasicAuth) {}
}
