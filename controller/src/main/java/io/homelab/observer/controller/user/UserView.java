package io.homelab.observer.controller.user;

import io.homelab.observer.controller.security.Role;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** An account as the API shows it: never the password hash. */
@RegisterForReflection
public record UserView(
    String id, String username, Role role, Instant createdAt, Instant updatedAt) {
  static UserView of(UserEntity u) {
    return new UserView(
        u.id,
        u.username,
        Role.parse(u.role),
        Instant.ofEpochMilli(u.createdAt),
        Instant.ofEpochMilli(u.updatedAt));
  }
}
