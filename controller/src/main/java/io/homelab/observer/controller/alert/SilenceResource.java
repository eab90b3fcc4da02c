package io.homelab.observer.controller.alert;

import io.homelab.observer.controller.security.Access;
import io.homelab.observer.controller.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

/** {@code /api/alerts/silences}: viewers read, operators create and expire. */
@Path("/api/alerts/silences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SilenceResource {

  private final SilenceService silences;

  public SilenceResource(SilenceService silences) {
    this.silences = silences;
  }

  @GET
  @Access(Role.VIEWER)
  public List<SilenceView> list() {
    return silences.list();
  }

  @POST
  @Access(Role.OPERATOR)
  @ResponseStatus(201)
  public SilenceView create(SilenceRequests.Create req) {
    return silences.create(req);
  }

  /** Expires the silence now; it stays listed as expired. */
  @DELETE
  @Path("/{id}")
  @Access(Role.OPERATOR)
  public SilenceView expire(@RestPath String id) {
    return silences.expire(id);
  }
}
