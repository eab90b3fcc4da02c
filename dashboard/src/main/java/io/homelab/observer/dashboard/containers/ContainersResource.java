package io.homelab.observer.dashboard.containers;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.signin.Role;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Containers across every host (Portainer's list): filter, actions by role, and the images, volumes
 * and networks tabs. Every call goes to the controller with the user's own token.
 */
@Path("/containers")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ContainersResource {

  static final Set<String> ACTIONS =
      Set.of("start", "stop", "restart", "kill", "pause", "unpause", "remove");
  static final Set<String> TABS = Set.of("containers", "images", "volumes", "networks");

  private final SignedInController controller;
  private final Pages pages;
  private final Template list;
  private final Template row;

  public ContainersResource(
      SignedInController controller,
      Pages pages,
      @Location("containers/list.html") Template list,
      @Location("fragments/container-row.html") Template row) {
    this.controller = controller;
    this.pages = pages;
    this.list = list;
    this.row = row;
  }

  @GET
  public TemplateInstance list(
      @RestQuery String q, @RestQuery String state, @RestQuery String tab) {
    String t = tab == null || !TABS.contains(tab) ? "containers" : tab;
    TemplateInstance page =
        list.data("ctx", pages.context("containers", "Containers"))
            .data("tab", t)
            .data("q", q == null ? "" : q)
            .data("stateFilter", state == null ? "" : state);
    try {
      page.data("environments", JsonExtensions.unwrap(controller.get("/api/environments")));
    } catch (UpstreamException e) {
      page.data("environments", List.of());
    }
    try {
      JsonNode r = controller.get("/api/" + t + ("containers".equals(t) ? "?all=true" : ""));
      List<JsonNode> items = new ArrayList<>();
      String needle = q == null ? "" : q.toLowerCase(Locale.ROOT);
      for (JsonNode c : r.path("items")) {
        boolean text = needle.isEmpty() || c.toString().toLowerCase(Locale.ROOT).contains(needle);
        boolean st = state == null || state.isEmpty() || state.equals(c.path("state").asText());
        if (text && st) {
          items.add(c);
        }
      }
      return page.data("items", items)
          .data("errors", JsonExtensions.unwrap(r.path("errors")))
          .data("error", null);
    } catch (UpstreamException e) {
      return page.data("items", List.of()).data("errors", List.of()).data("error", e.getMessage());
    }
  }

  /** start/stop/restart/kill/pause/unpause/remove (operator); answers the container's new row. */
  @POST
  @Path("/{env}/{cid}/{action}")
  public String action(@RestPath String env, @RestPath String cid, @RestPath String action)
      throws UpstreamException {
    controller.require(Role.OPERATOR);
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("unknown action " + action);
    }
    String base =
        "/api/environments/"
            + ControllerClient.enc(env)
            + "/containers/"
            + ControllerClient.enc(cid);
    if ("remove".equals(action)) {
      controller.delete(base + "?force=true");
      return "";
    }
    controller.post(base + "/" + action, null);
    JsonNode r =
        controller.get("/api/containers?all=true&environment=" + ControllerClient.enc(env));
    for (JsonNode c : r.path("items")) {
      if (c.path("id").asText().startsWith(cid) || c.path("name").asText().equals(cid)) {
        return row.data("c", c)
            .data("session", controller.session())
            .data("compact", false)
            .render();
      }
    }
    return "";
  }
}
