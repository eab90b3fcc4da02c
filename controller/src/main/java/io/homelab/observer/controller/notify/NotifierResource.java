package io.homelab.observer.controller.notify;

import io.homelab.observer.controller.security.Access;
import io.homelab.observer.controller.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code /api/alerts/notifiers}: viewers see notifiers with URLs and secrets redacted; admins
 * manage them (they hold credentials); operators may send a test.
 */
@Path("/api/alerts/notifiers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotifierResource {

  private final NotifierService notifiers;

  public NotifierResource(NotifierService notifiers) {
    this.notifiers = notifiers;
  }

  @GET
  @Access(Role.VIEWER)
  public List<NotifierView> list() {
    return notifiers.list();
  }

  @GET
  @Path("/{id}")
  @Access(Role.VIEWER)
  public NotifierView get(@RestPath String id) {
    return notifiers.get(id);
  }

  @POST
  @Access(Role.ADMIN)
  @ResponseStatus(201)
  public NotifierView create(NotifierRequests.Save req) {
    return notifiers.create(req);
  }

  @PUT
  @Path("/{id}")
  @Access(Role.ADMIN)
  public NotifierView update(@RestPath String id, NotifierRequests.Save req) {
    return notifiers.update(id, req);
  }

  @DELETE
  @Path("/{id}")
  @Access(Role.ADMIN)
  @ResponseStatus(204)
  public void delete(@RestPath String id) {
    notifiers.delete(id);
  }

  /**
   * Sends a test notification now; 204 when the receiver accepted it, 502 with the reason if not.
   */
  @POST
  @Path("/{id}/test")
  @APIResponse(
      responseCode = "502",
      description = "the notifier's target refused or did not take the message (NOTIFIER_FAILED)")
  @Access(Role.OPERATOR)
  @ResponseStatus(204)
  public void test(@RestPath String id) {
    notifiers.test(id);
  }
}
