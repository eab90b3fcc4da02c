package io.homelab.observer.controller.audit;

import io.homelab.observer.controller.error.Params;
import io.homelab.observer.controller.security.Access;
import io.homelab.observer.controller.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /api/audit}: the audit log with filters and paging (admin; it names users and their
 * addresses).
 */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  private final AuditService audit;

  public AuditResource(AuditService audit) {
    this.audit = audit;
  }

  @GET
  @Access(Role.ADMIN)
  public AuditPage list(
      @RestQuery String user,
      @RestQuery String environment,
      @RestQuery String action,
      @RestQuery String since,
      @RestQuery String until,
      @RestQuery String limit,
      @RestQuery String pageToken) {
    return audit.list(
        user,
        environment,
        action,
        since,
        until,
        Params.integer("limit", limit, 1, AuditService.MAX_LIMIT),
        pageToken);
  }
}
