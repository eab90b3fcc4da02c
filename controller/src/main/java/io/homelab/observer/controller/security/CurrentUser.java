package io.homelab.observer.controller.security;

import io.homelab.observer.common.error.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by {@link AuthFilter}; empty on public endpoints. */
@RequestScoped
public class CurrentUser {

  private Principal principal;
  private String address;

  void set(Principal principal) {
    this.principal = principal;
  }

  void address(String address) {
    this.address = address;
  }

  /** The authenticated caller; a 401 when there is none (only public endpoints run without one). */
  public Principal get() {
    if (principal == null) {
      throw ApiException.unauthenticated("log in first: Authorization: Bearer <token>");
    }
    return principal;
  }

  /** Username for the audit log, or null on public endpoints. */
  public String usernameOrNull() {
    return principal == null ? null : principal.username();
  }

  /** Client address as seen by the HTTP layer (the proxy's unless forwarding is configured). */
  public String address() {
    return address;
  }
}
