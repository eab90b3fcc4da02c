package io.homelab.observer.controller.environment;

import io.homelab.observer.controller.security.Access;
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

/**
 * {@code /api/environments}: viewers list, admins add, edit and remove (SPEC.md "Controller API").
 */
@Path("/api/environments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EnvironmentResource {

  private final EnvironmentService environments;

  public EnvironmentResource(EnvironmentService environments) {
    this.environments = environments;
  }

  /** Stored status snapshots; refreshed in the background, so this never waits for an agent. */
  @GET
  @Access(Role.VIEWER)
  public List<EnvironmentView> list() {
    return environments.list();
  }

  @GET
  @Path("/{id}")
  @Access(Role.VIEWER)
  public EnvironmentView get(@RestPath String id) {
    return environments.get(id);
  }

  @POST
  @Access(Role.ADMIN)
  @ResponseStatus(201)
  public EnvironmentView create(EnvironmentRequests.Create req) {
    return environments.create(req);
  }

  @PATCH
  @Path("/{id}")
  @Access(Role.ADMIN)
  public EnvironmentView update(@RestPath String id, EnvironmentRequests.Update req) {
    return environments.update(id, req);
  }

  @DELETE
  @Path("/{id}")
  @Access(Role.ADMIN)
  @ResponseStatus(204)
  public void delete(@RestPath String id) {
    environments.delete(id);
  }

  /**
   * Checks the agent now (at most one agent time-out) instead of waiting for the next background
   * round.
   */
  @POST
  @Path("/{id}/refresh")
  @Access(Role.OPERATOR)
  public EnvironmentView refresh(@RestPath String id) {
    return environments.refresh(id);
  }
}
