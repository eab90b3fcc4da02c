package io.homelab.observer.dashboard.signin;

import io.quarkus.qute.TemplateData;
import java.time.Instant;

/**
 * One signed-in browser. The controller token stays here, on the server; pages only ever see the
 * username, role and CSRF token.
 */
@TemplateData(ignore = "controllerToken")
public record Session(
    String id, String csrf, String username, Role role, String controllerToken, Instant expiresAt) {

  public boolean canOperate() {
    return role.atLeast(Role.OPERATOR);
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public String roleName() {
    return role.name().toLowerCase(java.util.Locale.ROOT);
  }
}
