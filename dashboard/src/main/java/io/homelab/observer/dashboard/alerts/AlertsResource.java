package io.homelab.observer.dashboard.alerts;

import io.homelab.observer.dashboard.signin.Role;
import io.homelab.observer.dashboard.signin.SignedInController;
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
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/** Alerts (firing, rules, silences) and HTTP monitors, each section failing on its own. */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class AlertsResource {

  private final SignedInController controller;
  private final Pages pages;
  private final Template page;
  private final Template notice;

  public AlertsResource(
      SignedInController controller,
      Pages pages,
      @Location("alerts/page.html") Template page,
      @Location("fragments/notice.html") Template notice) {
    this.controller = controller;
    this.pages = pages;
    this.page = page;
    this.notice = notice;
  }

  @GET
  public TemplateInstance page() {
    TemplateInstance t = page.data("ctx", pages.context("alerts", "Alerts"));
    section(t, "firing", "/api/alerts", null);
    section(t, "history", "/api/alerts/history?limit=20", null);
    section(t, "rules", "/api/alerts/rules", "rules");
    section(t, "silences", "/api/alerts/silences", null);
    section(t, "monitors", "/api/monitors", null);
    return t;
  }

  /** Adds an HTTP monitor (operator) through {@code POST /api/monitors}. */
  @POST
  @Path("/monitors")
  public String addMonitor(@RestForm String name, @RestForm String url, @RestForm String interval)
      throws UpstreamException {
    controller.require(Role.OPERATOR);
    if (name == null
        || name.isBlank()
        || url == null
        || !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new IllegalArgumentException("A monitor needs a name and an http(s) URL.");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name.trim());
    body.put("type", "http");
    body.put("target", url.trim());
    if (interval != null && !interval.isBlank()) {
      body.put("intervalSeconds", MonitorInterval.seconds(interval));
    }
    controller.post("/api/monitors", body);
    return notice.data("kind", "ok").data("message", "Monitor " + name.trim() + " added.").render();
  }

  /** One section's list: the answer itself when it is an array, else its {@code field}. */
  private void section(TemplateInstance t, String name, String path, String field) {
    PageSections.list(t, name, name + "Error", () -> controller.list(path, field));
  }
}
