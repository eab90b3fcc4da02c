package io.homelab.observer.controller.monitor;

import io.homelab.observer.controller.security.Access;
import io.homelab.observer.controller.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

/** {@code /api/monitors}: viewers read, operators and admins create, replace and delete. */
@Path("/api/monitors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MonitorResource {

  private final MonitorService monitors;

  public MonitorResource(MonitorService monitors) {
    this.monitors = monitors;
  }

  @GET
  @Access(Role.VIEWER)
  public List<MonitorView> list() {
    return monitors.list();
  }

  @GET
  @Path("/{id}")
  @Access(Role.VIEWER)
  public MonitorView get(@RestPath String id) {
    return monitors.get(id);
  }

  @POST
  @Access(Role.OPERATOR)
  @ResponseStatus(201)
  public MonitorView create(MonitorRequests.Save req) {
    return monitors.create(req);
  }

  @PUT
  @Path("/{id}")
  @Access(Role.OPERATOR)
  public MonitorView update(@RestPath String id, MonitorRequests.Save req) {
    return monitors.update(id, req);
  }

  @DELETE
  @Path("/{id}")
  @Access(Role.OPERATOR)
  @ResponseStatus(204)
  public void delete(@RestPath String id) {
    monitors.delete(id);
  }
}
