package io.homelab.observer.tracking.health;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** MLflow's plain-text {@code /health} ("OK") and {@code /version} routes, which clients probe. */
@Path("/")
public class ServerInfoResource {

  /**
   * The MLflow server version we announce, the one our API is tested against. The 3.x Python client
   * reads it only to decide whether the server takes OpenTelemetry spans (3.4 and later), which
   * {@code POST /v1/traces} does.
   */
  public static final String MLFLOW_COMPATIBLE_VERSION = "3.17.2";

  @GET
  @Path("health")
  @Produces(MediaType.TEXT_PLAIN)
  public String health() {
    return "OK";
  }

  @GET
  @Path("version")
  @Produces(MediaType.TEXT_PLAIN)
  public String version() {
    return MLFLOW_COMPATIBLE_VERSION;
  }
}
