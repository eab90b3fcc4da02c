package io.homelab.observer.dashboard.signin;

import jakarta.enterprise.context.RequestScoped;

/** The session of the request being served, set by {@link SessionFilter}. */
@RequestScoped
public class CurrentSession {

  private Session session;

  void set(Session session) {
    this.session = session;
  }

  /** The signed-in session; the filter has already refused anonymous requests. */
  public Session get() {
    if (session == null) {
      throw new IllegalStateException("no session on this request");
    }
    return session;
  }

  public String token() {
    return get().controllerToken();
  }

  /**
   * Refuses the request unless the user has at least this role: the server enforces what the UI
   * only hides.
   */
  public void require(Role role) {
    if (!get().role().atLeast(role)) {
      throw new ForbiddenAction(
          "Your role ("
              + get().roleName()
              + ") may not do this; "
              + role.name().toLowerCase()
              + " needed.");
    }
  }
}
