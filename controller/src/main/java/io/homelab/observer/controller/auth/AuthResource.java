package io.homelab.observer.controller.auth;

import io.homelab.observer.controller.audit.AuditService;
import io.homelab.observer.controller.security.Access;
import io.homelab.observer.controller.security.CurrentUser;
import io.homelab.observer.controller.security.Public;
import io.homelab.observer.controller.security.Role;
import io.homelab.observer.controller.user.UserRequests;
import io.homelab.observer.controller.user.UserService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * {@code /api/auth}: login (public, rate-limited), logout, who-am-I and the own password change.
 */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

  private final AuthService auth;
  private final UserService users;
  private final CurrentUser current;
  private final AuditService audit;

  public AuthResource(
      AuthService auth, UserService users, CurrentUser current, AuditService audit) {
    this.auth = auth;
    this.users = users;
    this.current = current;
    this.audit = audit;
  }

  @POST
  @Path("/login")
  @Public
  @APIResponseSchema(value = AuthViews.LoginResponse.class, responseCode = "200")
  @APIResponse(responseCode = "401", description = "wrong user name or password (UNAUTHENTICATED)")
  @APIResponse(
      responseCode = "429",
      description = "too many failed logins for this user or address; see Retry-After")
  public AuthViews.LoginResponse login(AuthViews.LoginRequest req) {
    return auth.login(req, current.address());
  }

  /** Revokes the token used for this call. */
  @POST
  @Path("/logout")
  @Access(Role.VIEWER)
  @ResponseStatus(204)
  public void logout() {
    auth.logout(current.get());
  }

  @GET
  @Path("/me")
  @Access(Role.VIEWER)
  public AuthViews.Me me() {
    return auth.me(current.get());
  }

  /** Changes the caller's own password; every other token of theirs is revoked. */
  @POST
  @Path("/password")
  @Access(Role.VIEWER)
  @ResponseStatus(204)
  public void changePassword(UserRequests.ChangePassword req) {
    users.changeOwnPassword(current.get(), req);
    audit.record("password.change", null, current.get().username(), AuditService.OK, null);
  }
}
