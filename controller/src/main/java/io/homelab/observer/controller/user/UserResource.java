package io.homelab.observer.controller.user;

import io.homelab.observer.controller.audit.AuditService;
import io.homelab.observer.controller.security.Access;
import io.homelab.observer.controller.security.CurrentUser;
import io.homelab.observer.controller.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

/** {@code /api/users}: account management, admin only; every change is audited. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Access(Role.ADMIN)
public class UserResource {

  private final UserService users;
  private final AuditService audit;
  private final CurrentUser current;

  public UserResource(UserService users, AuditService audit, CurrentUser current) {
    this.users = users;
    this.audit = audit;
    this.current = current;
  }

  @GET
  public List<UserView> list() {
    return users.list();
  }

  @GET
  @Path("/{username}")
  public UserView get(@RestPath String username) {
    return users.get(username);
  }

  @POST
  @ResponseStatus(201)
  public UserView create(UserRequests.Create req) {
    UserView created = users.create(req);
    audit.record(
        "user.create", null, created.username(), AuditService.OK, "role " + created.role().wire());
    return created;
  }

  @PATCH
  @Path("/{username}")
  public UserView update(@RestPath String username, UserRequests.Update req) {
    UserView updated = users.update(username, req);
    audit.record(
        "user.update",
        null,
        username,
        AuditService.OK,
        (req.role() != null ? "role " + updated.role().wire() : "")
            + (req.password() != null ? " password" : ""));
    return updated;
  }

  @DELETE
  @Path("/{username}")
  @ResponseStatus(204)
  public void delete(@RestPath String username) {
    users.delete(username, current.get());
    audit.record("user.delete", null, username, AuditService.OK, null);
  }
}
