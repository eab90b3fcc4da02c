package io.homelab.observer.dashboard.alerts;

import io.homelab.observer.dashboard.signin.Role;
import io.homelab.observer.dashboard.signin.SignedInController;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Creating and expiring silences from the alerts page (operators), through the controller's {@code
 * /api/alerts/silences}; the controller checks the role again.
 */
@Path("/alerts/silences")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class SilencesResource {

  private final SignedInController controller;
  private final Template notice;
  private final Clock clock = Clock.systemUTC();

  public SilencesResource(
      SignedInController controller, @Location("fragments/notice.html") Template notice) {
    this.controller = controller;
    this.notice = notice;
  }

  @POST
  public Response create(
      @RestForm String matchers, @RestForm String duration, @RestForm String comment)
      throws UpstreamException {
    controller.require(Role.OPERATOR);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("matchers", SilenceForm.matchers(matchers));
    body.put("endsAt", Instant.now(clock).plus(SilenceForm.duration(duration)).toString());
    body.put(
        "comment",
        comment == null || comment.isBlank() ? "silenced from the dashboard" : comment.trim());
    controller.post("/api/alerts/silences", body);
    return reloaded("Silence added for " + duration.trim() + ".");
  }

  @POST
  @Path("/{id}/expire")
  public Response expire(@RestPath String id) throws UpstreamException {
    controller.require(Role.OPERATOR);
    controller.delete("/api/alerts/silences/" + ControllerClient.enc(id));
    return reloaded("Silence expired.");
  }

  /** htmx reloads the page so that the firing list shows what is silenced now. */
  private Response reloaded(String message) {
    return Response.ok(notice.data("kind", "ok").data("message", message).render())
        .header("HX-Refresh", "true")
        .build();
  }
}
