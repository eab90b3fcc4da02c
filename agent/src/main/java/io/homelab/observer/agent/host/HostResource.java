package io.homelab.observer.agent.host;

import io.homelab.observer.common.wire.HostInfo;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/host}. */
@Path("/api/host")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

  private final HostService host;

  public HostResource(HostService host) {
    this.host = host;
  }

  @GET
  public HostInfo host() {
    return host.host();
  }
}
