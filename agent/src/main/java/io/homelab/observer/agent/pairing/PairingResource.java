package io.homelab.observer.agent.pairing;

import io.homelab.observer.agent.auth.ControllerKeyStore;
import io.homelab.observer.agent.docker.DockerStatus;
import io.homelab.observer.agent.identity.AgentIdentity;
import io.homelab.observer.agent.tls.TlsIdentity;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.AgentPing;
import io.homelab.observer.common.wire.PairRequest;
import io.homelab.observer.common.wire.PairResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The two unsigned endpoints: {@code GET /api/ping} and {@code POST /api/pair}. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class PairingResource {

  private final PairingService pairing;
  private final ControllerKeyStore keys;
  private final DockerStatus docker;
  private final TlsIdentity tls;
  private final AgentIdentity identity;
  private final String version;

  public PairingResource(
      PairingService pairing,
      ControllerKeyStore keys,
      DockerStatus docker,
      TlsIdentity tls,
      AgentIdentity identity,
      @ConfigProperty(name = "quarkus.application.version") String version) {
    this.pairing = pairing;
    this.keys = keys;
    this.docker = docker;
    this.tls = tls;
    this.identity = identity;
    this.version = version;
  }

  /** Liveness and identity for the launcher and the controller; says "unpaired", never the code. */
  @GET
  @Path("/ping")
  public AgentPing ping() {
    DockerStatus.Probe p = docker.probe();
    boolean paired = pairing.paired();
    return new AgentPing(
        "agent",
        version,
        paired,
        paired ? "paired" : "unpaired",
        p.reachable() ? p.version() : "unreachable",
        p.reachable(),
        tls.enabled(),
        tls.fingerprint().orElse(null),
        keys.fingerprint(),
        hostname(),
        identity.id());
  }

  @POST
  @Path("/pair")
  public PairResponse pair(PairRequest request) {
    if (request == null) {
      throw ApiException.badRequest("body must be {\"code\",\"publicKey\"}");
    }
    return pairing.pair(request.code(), request.publicKey());
  }

  private static String hostname() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
