package io.homelab.observer.dashboard.widget.containers;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Containers of every host (or of {@code environment}) from {@code GET /api/containers}, troubled
 * ones first as in glance, with restart/stop/start buttons for operators; hosts that did not answer
 * are listed as errors beside the rest.
 */
public record ContainersWidget(
    String title, String environment, boolean runningOnly, int limit, Duration cache)
    implements Widget {

  public static ContainersWidget from(WidgetSpec s) {
    return new ContainersWidget(
        s.str("title", "Containers"),
        s.str("environment", null),
        s.bool("running-only", false),
        s.integer("limit", 20),
        s.cache(Duration.ofMinutes(1)));
  }

  @Override
  public String type() {
    return "containers";
  }

  @Override
  public boolean perUser() {
    return true;
  }

  @Override
  public String render(WidgetContext ctx) throws UpstreamException {
    String q = "/api/containers?all=" + !runningOnly;
    if (environment != null) {
      q += "&environment=" + ControllerClient.enc(environment);
    }
    JsonNode r = ctx.controller().get(ctx.session().controllerToken(), q);
    List<JsonNode> items = new ArrayList<>();
    r.path("items").forEach(items::add);
    items.sort(
        Comparator.comparing((JsonNode c) -> "running".equals(c.path("state").asText()) ? 1 : 0)
            .thenComparing(c -> c.path("name").asText()));
    return ctx.template(type())
        .data("items", items.subList(0, Math.min(limit, items.size())))
        .data("total", items.size())
        .data(
            "errors",
            io.homelab.observer.dashboard.upstream.JsonExtensions.unwrap(r.path("errors")))
        .render();
  }
}
