package io.homelab.observer.tracking.metric;

import static io.homelab.observer.tracking.wire.Validation.required;

import io.homelab.observer.tracking.run.RunModels.Metric;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.homelab.observer.tracking.wire.RequestReader;
import io.homelab.observer.tracking.wire.TrackingPaths;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * MLflow's metric history routes: {@code metrics/get-history} and {@code
 * metrics/get-history-bulk-interval}.
 */
@Path(TrackingPaths.PREFIX + "/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricHistoryResource {

  @MlflowJson
  @RegisterForReflection
  record History(String runId, String metricKey, Long maxResults, String pageToken) {}

  @MlflowJson
  @RegisterForReflection
  record BulkInterval(
      List<String> runIds, String metricKey, Long startStep, Long endStep, Long maxResults) {}

  @MlflowJson
  @RegisterForReflection
  record Points(List<Metric> metrics, String nextPageToken) {}

  private final MetricHistoryService history;
  private final RequestReader reader;

  public MetricHistoryResource(MetricHistoryService history, RequestReader reader) {
    this.history = history;
    this.reader = reader;
  }

  @GET
  @Path("get-history")
  public Points getHistory(@Context UriInfo uri) {
    History req = reader.query(uri.getQueryParameters(), History.class);
    Page<Metric> page =
        history.history(
            required(req.runId(), "run_id"),
            required(req.metricKey(), "metric_key"),
            req.maxResults(),
            req.pageToken());
    return new Points(page.items(), page.nextPageToken());
  }

  @GET
  @Path("get-history-bulk-interval")
  public Points bulkInterval(@Context UriInfo uri) {
    BulkInterval req = reader.query(uri.getQueryParameters(), BulkInterval.class);
    return new Points(
        history.bulkInterval(
            req.runIds(),
            required(req.metricKey(), "metric_key"),
            req.startStep(),
            req.endStep(),
            req.maxResults()),
        null);
  }
}
