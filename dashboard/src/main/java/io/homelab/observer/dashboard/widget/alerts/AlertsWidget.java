package io.homelab.observer.dashboard.widget.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import java.time.Duration;

/** Alerts firing now, from the controller's {@code GET /api/alerts}. */
public record AlertsWidget(String title, int limit, Duration cache) implements Widget {

  public static AlertsWidget from(WidgetSpec s) {
    return new AlertsWidget(
        s.str("title", "Alerts"), s.integer("limit", 10), s.cache(Duration.ofSeconds(30)));
  }

  @Override
  public String type() {
    return "alerts";
  }

  @Override
  public boolean perUser() {
    return true;
  }

  @Override
  public String render(WidgetContext ctx) throws UpstreamException {
    JsonNode list = ctx.controllerList("/api/alerts");
    return ctx.template(type()).data("alerts", list).data("limit", limit).render();
  }
}
