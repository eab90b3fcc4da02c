package io.homelab.observer.controller.user;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Request bodies of {@code /api/users} and of the password change. */
public final class UserRequests {

  private UserRequests() {}

  /** {@code POST /api/users}. */
  @RegisterForReflection
  public record Create(String username, String password, String role) {}

  /** {@code PATCH /api/users/{username}}: either or both fields. */
  @RegisterForReflection
  public record Update(String password, String role) {}

  /** {@code POST /api/auth/password}. */
  @RegisterForReflection
  public record ChangePassword(String currentPassword, String newPassword) {}
}
