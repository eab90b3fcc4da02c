package io.homelab.observer.dashboard.web;

import io.homelab.observer.dashboard.signin.ForbiddenAction;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors as a small HTML notice that htmx swaps in place (STYLE.md 2.8: one mapping class, no class
 * names or stack traces in a body). An upstream that expired the user's token ends the session.
 */
public class ErrorMappers {

  private final Template notice;

  public ErrorMappers(@Location("fragments/notice.html") Template notice) {
    this.notice = notice;
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenAction e) {
    return html(403, e.getMessage());
  }

  @ServerExceptionMapper
  public Response upstream(UpstreamException e) {
    if (e.unauthenticated()) {
      return Response.status(401)
          .header("HX-Redirect", "/signin")
          .entity("Session expired")
          .build();
    }
    // 200 for htmx would hide the failure from scripts; 502 is swapped in by our htmx config.
    return html(
        e.status() == 403 ? 403 : e.status() == 404 ? 404 : e.status() == 400 ? 400 : 502,
        e.getMessage());
  }

  @ServerExceptionMapper
  public Response badInput(IllegalArgumentException e) {
    return html(400, e.getMessage());
  }

  private Response html(int status, String message) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML)
        .entity(notice.data("kind", "error").data("message", message).render())
        .build();
  }
}
