package io.homelab.observer.agent.network;

import io.homelab.observer.common.wire.NetworkSummary;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/networks}. */
@Path("/api/networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {

  private final NetworkService networks;

  public NetworkResource(NetworkService networks) {
    this.networks = networks;
  }

  @GET
  public List<NetworkSummary> list() {
    return networks.list();
  }
}
