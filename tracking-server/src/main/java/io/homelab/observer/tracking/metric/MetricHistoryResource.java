package io.homelab.observer.tracking.metric;

import static io.homelab.observer.tracking.wire.Validation.required;

import io.homelab.observer.tracking.wire.MlflowJson;
import io.homelab.observer.tracking.wire.RequestReader;
import io.homelab.observer.tracking.wire.TrackingPaths;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * MLflow's metric history routes: {@code metrics/get-history}, the UI's {@code
 * metrics/get-history-bulk} and {@code metrics/get-history-bulk-interval}. Both answer through
 * {@link HistoryJson}, written straight from the rows, because a history can be millions of points.
 */
@Path(TrackingPaths.PREFIX + "/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricHistoryResource {

  @MlflowJson
  @RegisterForReflection
  record HistoryRequest(String runId, String metricKey, Long maxResults, String pageToken) {}

  @MlflowJson
  @RegisterForReflection
  record BulkInterval(
      List<String> runIds, String metricKey, Long startStep, Long endStep, Long maxResults) {}

  @MlflowJson
  @RegisterForReflection
  record Bulk(List<String> runId, String metricKey, Long maxResults) {}

  private final MetricHistoryService history;
  private final RequestReader reader;

  public MetricHistoryResource(MetricHistoryService history, RequestReader reader) {
    this.history = history;
    this.reader = reader;
  }

  @GET
  @Path("get-history")
  public StreamingOutput getHistory(@Context UriInfo uri) {
    HistoryRequest req = reader.query(uri.getQueryParameters(), HistoryRequest.class);
    MetricHistoryService.History page =
        history.history(
            required(req.runId(), "run_id"),
            required(req.metricKey(), "metric_key"),
            req.maxResults(),
            req.pageToken());
    return new HistoryJson(page.points(), page.nextPageToken());
  }

  @GET
  @Path("get-history-bulk")
  public StreamingOutput bulk(@Context UriInfo uri) {
    Bulk req = reader.query(uri.getQueryParameters(), Bulk.class);
    MetricHistoryService.History points =
        history.bulk(req.runId(), req.metricKey(), req.maxResults());
    return new HistoryJson(points.points(), null);
  }

  @GET
  @Path("get-history-bulk-interval")
  public StreamingOutput bulkInterval(@Context UriInfo uri) {
    BulkInterval req = reader.query(uri.getQueryParameters(), BulkInterval.class);
    MetricHistoryService.History points =
        history.bulkInterval(
            req.runIds(),
            required(req.metricKey(), "metric_key"),
            req.startStep(),
            req.endStep(),
            req.maxResults());
    return new HistoryJson(points.points(), points.nextPageToken());
  }
}
