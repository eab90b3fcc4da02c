package io.homelab.observer.dashboard.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.signin.Role;
import io.homelab.observer.dashboard.signin.SignedInController;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.web.PageSections;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Environments (add by URL or pairing code, remove), users (admins) and the caller's API tokens. A
 * new token is shown once, in the answer to the form that created it, and never stored here.
 */
@Path("/settings")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class SettingsResource {

  private final SignedInController controller;
  private final Pages pages;
  private final Template page;
  private final Template notice;

  public SettingsResource(
      SignedInController controller,
      Pages pages,
      @Location("settings/page.html") Template page,
      @Location("fragments/notice.html") Template notice) {
    this.controller = controller;
    this.pages = pages;
    this.page = page;
    this.notice = notice;
  }

  @GET
  public TemplateInstance page() {
    TemplateInstance t = page.data("ctx", pages.context("settings", "Settings"));
    section(t, "environments", "/api/environments");
    section(t, "tokens", "/api/tokens");
    if (controller.session().isAdmin()) {
      section(t, "users", "/api/users");
    } else {
      t.data("users", List.of()).data("usersError", null);
    }
    return t;
  }

  @POST
  @Path("/environments")
  public String addEnvironment(
      @RestForm String name, @RestForm String url, @RestForm String pairingCode)
      throws UpstreamException {
    controller.require(Role.ADMIN);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("url", url);
    if (pairingCode != null && !pairingCode.isBlank()) {
      body.put("pairingCode", pairingCode.trim());
    }
    JsonNode r = controller.post("/api/environments", body);
    return ok(
        "Added "
            + r.path("name").asText(name)
            + " ("
            + r.path("status").asText("")
            + "). Reload to see it in the list.");
  }

  @POST
  @Path("/environments/{id}/remove")
  public String removeEnvironment(@RestPath String id) throws UpstreamException {
    controller.require(Role.ADMIN);
    controller.delete("/api/environments/" + ControllerClient.enc(id));
    return "";
  }

  @POST
  @Path("/users")
  public String addUser(@RestForm String username, @RestForm String password, @RestForm String role)
      throws UpstreamException {
    controller.require(Role.ADMIN);
    controller.post("/api/users", Map.of("username", username, "password", password, "role", role));
    return ok("User " + username + " created.");
  }

  @POST
  @Path("/users/{username}/remove")
  public String removeUser(@RestPath String username) throws UpstreamException {
    controller.require(Role.ADMIN);
    controller.delete("/api/users/" + ControllerClient.enc(username));
    return "";
  }

  @POST
  @Path("/tokens")
  public String createToken(@RestForm String name, @RestForm String role) throws UpstreamException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    if (role != null && !role.isBlank()) {
      body.put("role", role);
    }
    JsonNode r = controller.post("/api/tokens", body);
    return ok(
        "Token "
            + r.path("name").asText()
            + " (shown once, copy it now): "
            + r.path("token").asText());
  }

  @POST
  @Path("/tokens/{id}/revoke")
  public String revokeToken(@RestPath String id) throws UpstreamException {
    controller.delete("/api/tokens/" + ControllerClient.enc(id));
    return "";
  }

  private String ok(String message) {
    return notice.data("kind", "ok").data("message", message).render();
  }

  private void section(TemplateInstance t, String name, String path) {
    PageSections.list(t, name, name + "Error", () -> controller.list(path, null));
  }
}
