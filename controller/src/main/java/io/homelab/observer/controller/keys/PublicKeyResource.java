package io.homelab.observer.controller.keys;

import io.homelab.observer.controller.security.Public;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/public-key}: unauthenticated, so the launcher can start the local agent already
 * trusting us.
 */
@Path("/api/public-key")
@Produces(MediaType.APPLICATION_JSON)
public class PublicKeyResource {

  /** {@code {"publicKey":"<base64 X.509 SPKI>"}}. */
  @RegisterForReflection
  public record PublicKeyView(String publicKey) {}

  private final ControllerKeys keys;

  public PublicKeyResource(ControllerKeys keys) {
    this.keys = keys;
  }

  @GET
  @Public
  public PublicKeyView get() {
    return new PublicKeyView(keys.publicKeyBase64());
  }
}
