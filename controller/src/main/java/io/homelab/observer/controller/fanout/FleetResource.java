package io.homelab.observer.controller.fanout;

import io.homelab.observer.controller.error.Params;
import io.homelab.observer.controller.security.Access;
import io.homelab.observer.controller.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Fan-out views across every environment, or one with {@code ?environment=<id>} (SPEC.md
 * "Controller API").
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Access(Role.VIEWER)
public class FleetResource {

  private final FanoutService fanout;

  public FleetResource(FanoutService fanout) {
    this.fanout = fanout;
  }

  /**
   * Containers; {@code all=false} lists running ones only (Docker's default is all=false,
   * Portainer's true).
   */
  @GET
  @Path("/containers")
  public FanoutResult containers(@RestQuery String environment, @RestQuery("all") String all) {
    boolean everything = Params.bool("all", all, true);
    return fanout.collect(environment, c -> c.containers(everything));
  }

  @GET
  @Path("/images")
  public FanoutResult images(@RestQuery String environment) {
    return fanout.collect(environment, c -> c.images());
  }

  @GET
  @Path("/volumes")
  public FanoutResult volumes(@RestQuery String environment) {
    return fanout.collect(environment, c -> c.volumes());
  }

  @GET
  @Path("/networks")
  public FanoutResult networks(@RestQuery String environment) {
    return fanout.collect(environment, c -> c.networks());
  }
}
