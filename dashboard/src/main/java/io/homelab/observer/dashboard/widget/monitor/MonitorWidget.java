package io.homelab.observer.dashboard.widget.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller's HTTP monitors ({@code GET /api/monitors}): status, latency, uptime. Unlike
 * glance's, the checks run in the controller, so history and alerts come with them.
 */
public record MonitorWidget(String title, boolean failingOnly, Duration cache) implements Widget {

  public static MonitorWidget from(WidgetSpec s) {
    return new MonitorWidget(
        s.str("title", "Monitors"),
        s.bool("show-failing-only", false),
        s.cache(Duration.ofSeconds(30)));
  }

  @Override
  public String type() {
    return "monitor";
  }

  @Override
  public boolean perUser() {
    return true;
  }

  @Override
  public String render(WidgetContext ctx) throws UpstreamException {
    JsonNode list = ctx.controllerList("/api/monitors");
    List<JsonNode> shown = new ArrayList<>();
    for (JsonNode m : list) {
      String status = m.path("status").asText("").toLowerCase();
      if (!failingOnly || !(status.equals("up") || status.equals("ok"))) {
        shown.add(m);
      }
    }
    return ctx.template(type()).data("monitors", shown).data("total", list.size()).render();
  }
}
