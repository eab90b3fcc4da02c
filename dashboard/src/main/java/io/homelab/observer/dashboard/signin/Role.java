package io.homelab.observer.dashboard.signin;

/** The controller's roles, lowest first (docs/controller.md "Accounts, roles and tokens"). */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** The controller's lower-case name; unknown names get the least role. */
  public static Role parse(String name) {
    try {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      return VIEWER;
    }
  }

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }
}
