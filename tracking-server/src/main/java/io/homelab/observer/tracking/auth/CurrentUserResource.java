package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.auth.UserPermissionRequests.CurrentUser;
import io.homelab.observer.tracking.auth.UserPermissionRequests.CurrentUserResponse;
import io.homelab.observer.tracking.wire.TrackingPaths;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET users/current} (MLflow 3.17): the identity the request authenticated as, which the UI
 * cannot learn from Basic auth otherwise; {@code is_basic_auth} is always true here.
 */
@Path(TrackingPaths.PREFIX + "/users/current")
@Produces(MediaType.APPLICATION_JSON)
public class CurrentUserResource {

  private final AuthService auth;
  private final CurrentVertxRequest current;

  public CurrentUserResource(AuthService auth, CurrentVertxRequest current) {
    this.auth = auth;
    this.current = current;
  }

  @GET
  public CurrentUserResponse get() {
    auth.requireEnabled();
    User user = current.getCurrent().get(AuthFilter.USER_KEY);
    return new CurrentUserResponse(new CurrentUser(user.id(), user.username(), user.admin()), true);
  }
}
