package io.homelab.observer.controller.discovery;

import io.homelab.observer.controller.security.Access;
import io.homelab.observer.controller.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/prometheus/sd}: Prometheus {@code http_sd_configs} with {@code authorization:
 * {credentials: <API token>}} discovers every agent's 9100 here.
 */
@Path("/api/prometheus/sd")
public class ServiceDiscoveryResource {

  private final ServiceDiscovery discovery;

  public ServiceDiscoveryResource(ServiceDiscovery discovery) {
    this.discovery = discovery;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Access(Role.VIEWER)
  public List<SdTargetGroup> targets() {
    return discovery.targets();
  }
}
