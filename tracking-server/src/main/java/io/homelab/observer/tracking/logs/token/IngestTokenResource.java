package io.homelab.observer.tracking.logs.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.homelab.observer.tracking.auth.AuthFilter;
import io.homelab.observer.tracking.auth.User;
import io.homelab.observer.tracking.error.ErrorCode;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.logs.ingest.LogIngestResource;
import io.homelab.observer.tracking.wire.RequestReader;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Admin-only management of ingest tokens: {@code GET|POST /api/2.0/homelab/logs/tokens}, {@code
 * DELETE /api/2.0/homelab/logs/tokens/{name}}.
 */
@Path(LogIngestResource.PATH + "/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class IngestTokenResource {

  /** Body of a create request. */
  @RegisterForReflection
  public record Create(@JsonProperty("name") String name) {}

  /** Answer of a list request. */
  @RegisterForReflection
  public record Listing(@JsonProperty("tokens") List<IngestToken> tokens) {}

  private final IngestTokenService tokens;
  private final RequestReader reader;
  private final CurrentVertxRequest current;

  public IngestTokenResource(
      IngestTokenService tokens, RequestReader reader, CurrentVertxRequest current) {
    this.tokens = tokens;
    this.reader = reader;
    this.current = current;
  }

  @GET
  public Listing list() {
    admin();
    return new Listing(tokens.list());
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Map<String, IngestToken> create(String body) {
    String by = admin();
    return Map.of("token", tokens.create(reader.body(body, Create.class).name(), by));
  }

  @DELETE
  @Path("{name}")
  public Map<String, Object> delete(@RestPath String name) {
    admin();
    tokens.delete(name);
    return Map.of();
  }

  /** The calling admin's name; with auth off (a trusted LAN) there is no caller to check. */
  private String admin() {
    Optional<User> user =
        Optional.ofNullable(current.getCurrent()).map(rc -> rc.get(AuthFilter.USER_KEY));
    if (user.isPresent() && !user.get().admin()) {
      throw new MlflowException(
          ErrorCode.PERMISSION_DENIED, "Ingest tokens are managed by admins.");
    }
    return user.map(User::username).orElse(null);
  }
}
