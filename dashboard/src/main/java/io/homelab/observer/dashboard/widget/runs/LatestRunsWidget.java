package io.homelab.observer.dashboard.widget.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The newest MLflow runs of every experiment (or those matching {@code filter}) on the tracking
 * server.
 */
public record LatestRunsWidget(String title, String filter, int limit, Duration cache)
    implements Widget {

  public static LatestRunsWidget from(WidgetSpec s) {
    return new LatestRunsWidget(
        s.str("title", "Latest runs"),
        s.str("filter", ""),
        s.integer("limit", 8),
        s.cache(Duration.ofMinutes(1)));
  }

  @Override
  public String type() {
    return "latest-runs";
  }

  @Override
  public String render(WidgetContext ctx) throws UpstreamException {
    JsonNode exps = ctx.tracking().get("/api/2.0/mlflow/experiments/search?max_results=1000");
    List<String> ids = new ArrayList<>();
    exps.path("experiments").forEach(e -> ids.add(e.path("experiment_id").asText()));
    if (ids.isEmpty()) {
      return ctx.template(type()).data("runs", List.of()).render();
    }
    JsonNode runs =
        ctx.tracking()
            .post(
                "/api/2.0/mlflow/runs/search",
                Map.of(
                    "experiment_ids", ids,
                    "filter", filter,
                    "max_results", limit,
                    "order_by", List.of("attributes.start_time DESC")));
    return ctx.template(type()).data("runs", runs.path("runs")).render();
  }
}
