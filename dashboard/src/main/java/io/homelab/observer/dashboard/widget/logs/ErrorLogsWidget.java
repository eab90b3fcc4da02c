package io.homelab.observer.dashboard.widget.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import java.time.Duration;

/** Recent error lines from the central logs ({@code /api/2.0/homelab/logs/search}). */
public record ErrorLogsWidget(String title, String query, int limit, Duration cache)
    implements Widget {

  public static ErrorLogsWidget from(WidgetSpec s) {
    return new ErrorLogsWidget(
        s.str("title", "Recent errors"),
        s.str("query", "level:error"),
        s.integer("limit", 10),
        s.cache(Duration.ofMinutes(1)));
  }

  @Override
  public String type() {
    return "error-logs";
  }

  @Override
  public String render(WidgetContext ctx) throws UpstreamException {
    JsonNode r =
        ctx.tracking()
            .get(
                "/api/2.0/homelab/logs/search?q="
                    + ControllerClient.enc(query)
                    + "&limit="
                    + limit);
    return ctx.template(type()).data("entries", r.path("entries")).data("query", query).render();
  }
}
