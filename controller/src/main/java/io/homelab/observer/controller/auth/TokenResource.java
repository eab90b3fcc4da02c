package io.homelab.observer.controller.auth;

import io.homelab.observer.controller.security.Access;
import io.homelab.observer.controller.security.CurrentUser;
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
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code /api/tokens}: long-lived API tokens for scripts; anyone may hold tokens up to their own
 * role.
 */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {

  private final AuthService auth;
  private final CurrentUser current;

  public TokenResource(AuthService auth, CurrentUser current) {
    this.auth = auth;
    this.current = current;
  }

  /** The caller's tokens; {@code ?all=true} lists everybody's for an admin. */
  @GET
  @Access(Role.VIEWER)
  public List<AuthViews.TokenView> list(@RestQuery("all") String all) {
    return auth.listTokens(
        current.get(), io.homelab.observer.controller.error.Params.bool("all", all, false));
  }

  @POST
  @Access(Role.VIEWER)
  @ResponseStatus(201)
  public AuthViews.CreatedToken create(AuthViews.CreateTokenRequest req) {
    return auth.createToken(current.get(), req);
  }

  @DELETE
  @Path("/{id}")
  @Access(Role.VIEWER)
  @ResponseStatus(204)
  public void revoke(@RestPath String id) {
    auth.revokeToken(current.get(), id);
  }
}
