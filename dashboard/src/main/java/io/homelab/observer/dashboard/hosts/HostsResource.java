package io.homelab.observer.dashboard.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.signin.SignedInController;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.JsonExtensions;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Hosts (the controller's environments) with health and usage, and one host's charts. */
@Path("/hosts")
@Blocking
public class HostsResource {

  private final SignedInController controller;
  private final Pages pages;
  private final Template list;
  private final Template detail;

  public HostsResource(
      SignedInController controller,
      Pages pages,
      @Location("hosts/list.html") Template list,
      @Location("hosts/detail.html") Template detail) {
    this.controller = controller;
    this.pages = pages;
    this.list = list;
    this.detail = detail;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list() {
    TemplateInstance t = list.data("ctx", pages.context("hosts", "Hosts"));
    try {
      t.data("hosts", JsonExtensions.unwrap(controller.get("/api/environments")))
          .data("error", null);
    } catch (UpstreamException e) {
      t.data("hosts", List.of()).data("error", e.getMessage());
    }
    Map<String, JsonNode> usage = new HashMap<>();
    try {
      controller
          .get("/api/metrics/summary")
          .path("items")
          .forEach(i -> usage.put(i.path("environmentId").asText(), i));
      t.data("summaryError", null);
    } catch (UpstreamException e) {
      t.data("summaryError", e.getMessage());
    }
    return t.data("usage", usage);
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance detail(@RestPath String id, @RestQuery String range) {
    String r = range != null && HostPanels.RANGES.containsKey(range) ? range : "1h";
    TemplateInstance t =
        detail
            .data("ctx", pages.context("hosts", "Host"))
            .data("id", id)
            .data("range", r)
            .data("panels", HostPanels.ORDER);
    try {
      return t.data("host", controller.get("/api/environments/" + ControllerClient.enc(id)))
          .data("error", null);
    } catch (UpstreamException e) {
      return t.data("host", null).data("error", e.getMessage());
    }
  }

  /** One chart's series for uPlot: {@code {"title","unit","labels","data":[[t...],[v...]...]}}. */
  @GET
  @Path("/{id}/series")
  @Produces(MediaType.APPLICATION_JSON)
  public Response series(@RestPath String id, @RestQuery String panel, @RestQuery String range) {
    int seconds = HostPanels.RANGES.getOrDefault(range == null ? "1h" : range, 3600);
    long end = Instant.now().getEpochSecond();
    long start = end - seconds;
    long step = Math.max(15, seconds / 240);
    try {
      // The scraper labels an agent's series environment="<environment name>" (not its id).
      String name =
          controller.get("/api/environments/" + ControllerClient.enc(id)).path("name").asText(id);
      HostPanels.Panel p = HostPanels.panel(panel == null ? "" : panel, name);
      List<JsonNode> results = new java.util.ArrayList<>();
      for (HostPanels.Query q : p.queries()) {
        results.add(
            controller.get(
                "/api/v1/query_range?query="
                    + ControllerClient.enc(q.expr())
                    + "&start="
                    + start
                    + "&end="
                    + end
                    + "&step="
                    + step));
      }
      return Response.ok(SeriesAligner.align(p, results, start, end, step)).build();
    } catch (UpstreamException e) {
      return Response.status(502).entity(Map.of("error", e.getMessage())).build();
    }
  }
}
