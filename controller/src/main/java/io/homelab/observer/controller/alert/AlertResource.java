package io.homelab.observer.controller.alert;

import io.homelab.observer.common.error.ApiException;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code /api/alerts}: what fires, the history of state changes, and the rules. Viewers read,
 * operators change rules.
 */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertResource {

  private final AlertEvaluator evaluator;
  private final RuleService rules;
  private final HistoryStore history;

  public AlertResource(AlertEvaluator evaluator, RuleService rules, HistoryStore history) {
    this.evaluator = evaluator;
    this.rules = rules;
    this.history = history;
  }

  /** Pending and firing alerts, firing first. */
  @GET
  @Access(Role.VIEWER)
  public List<AlertView> active() {
    return evaluator.active();
  }

  /** State changes newest first; {@code alertname} and {@code since} (ISO-8601) narrow it down. */
  @GET
  @Path("/history")
  @Access(Role.VIEWER)
  public List<HistoryEntry> history(
      @RestQuery String alertname, @RestQuery String since, @RestQuery Integer limit) {
    int n = limit == null ? 100 : limit;
    if (n < 1 || n > 1000) {
      throw ApiException.badRequest("limit must be between 1 and 1000");
    }
    Instant from = null;
    if (since != null) {
      try {
        from = Instant.parse(since);
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(
            "since must be an ISO-8601 time such as 2026-01-31T12:00:00Z");
      }
    }
    return history.recent(alertname, from, n);
  }

  @GET
  @Path("/rules")
  @Access(Role.VIEWER)
  public RuleView.Page listRules() {
    return new RuleView.Page(
        rules.fileStatus(),
        rules.rules().stream().map(r -> RuleView.of(r, evaluator.health(r.id()))).toList());
  }

  @POST
  @Path("/rules")
  @Access(Role.OPERATOR)
  @ResponseStatus(201)
  public RuleView createRule(RuleRequests.Save req) {
    AlertRule r = rules.create(req);
    return RuleView.of(r, evaluator.health(r.id()));
  }

  @PUT
  @Path("/rules/{id}")
  @Access(Role.OPERATOR)
  public RuleView updateRule(@RestPath String id, RuleRequests.Save req) {
    AlertRule r = rules.update(id, req);
    return RuleView.of(r, evaluator.health(r.id()));
  }

  @DELETE
  @Path("/rules/{id}")
  @Access(Role.OPERATOR)
  @ResponseStatus(204)
  public void deleteRule(@RestPath String id) {
    rules.delete(id);
  }

  /** Reads alerts.yml now instead of at the next check; answers the file's state. */
  @POST
  @Path("/rules/reload")
  @Access(Role.OPERATOR)
  public RuleFileStatus reload() {
    return rules.reloadFile();
  }
}
