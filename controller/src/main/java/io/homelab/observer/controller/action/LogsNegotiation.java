package io.homelab.observer.controller.action;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Makes {@code follow=true} the switch between the two logs representations, as on the agent
 * (SPEC.md): with it the answer is a Server-Sent Events stream, without it one JSON document. Left
 * to {@code Accept} alone, a plain {@code curl} ({@code Accept: *}{@code /*}) could land on either.
 */
public class LogsNegotiation {

  @ServerRequestFilter(preMatching = true)
  public void chooseRepresentation(ContainerRequestContext ctx) {
    String path = ctx.getUriInfo().getPath();
    if (!path.startsWith("/api/environments/")
        || !path.endsWith("/logs")
        || !"GET".equals(ctx.getMethod())) {
      return;
    }
    String follow = ctx.getUriInfo().getQueryParameters().getFirst("follow");
    boolean stream = "true".equals(follow) || "1".equals(follow);
    ctx.getHeaders()
        .putSingle(
            HttpHeaders.ACCEPT, stream ? MediaType.SERVER_SENT_EVENTS : MediaType.APPLICATION_JSON);
  }
}
