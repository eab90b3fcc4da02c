package io.homelab.observer.dashboard.widget.serverstats;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU, RAM, disk, temperature and GPU memory per host, from the controller's {@code GET
 * /api/metrics/summary} (SPEC.md). {@code hosts} limits it to some environment names.
 */
public record ServerStatsWidget(String title, List<String> hosts, Duration cache)
    implements Widget {

  public static ServerStatsWidget from(WidgetSpec s) {
    return new ServerStatsWidget(
        s.str("title", "Servers"), s.strings("hosts"), s.cache(Duration.ofSeconds(15)));
  }

  @Override
  public String type() {
    return "server-stats";
  }

  @Override
  public boolean perUser() {
    return true;
  }

  @Override
  public String render(WidgetContext ctx) throws UpstreamException {
    JsonNode summary =
        ctx.controller().get(ctx.session().controllerToken(), "/api/metrics/summary");
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode item : summary.path("items")) {
      if (hosts.isEmpty() || hosts.contains(item.path("name").asText())) {
        items.add(item);
      }
    }
    return ctx.template(type()).data("hosts", items).render();
  }
}
