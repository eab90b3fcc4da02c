package io.homelab.observer.controller.metrics.summary;

import io.homelab.observer.controller.security.Access;
import io.homelab.observer.controller.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/metrics/summary}: every environment's current figures from the metrics store. */
@Path("/api/metrics/summary")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

  private final SummaryService summary;

  public SummaryResource(SummaryService summary) {
    this.summary = summary;
  }

  @GET
  @Access(Role.VIEWER)
  public HostSummary.Page get() {
    return summary.summary();
  }
}
