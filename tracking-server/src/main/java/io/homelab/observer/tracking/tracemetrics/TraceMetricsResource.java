package io.homelab.observer.tracking.tracemetrics;

import io.homelab.observer.tracking.tracemetrics.TraceMetrics.Query;
import io.homelab.observer.tracking.tracemetrics.TraceMetrics.Result;
import io.homelab.observer.tracking.wire.RequestReader;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** MLflow 3's {@code POST /api/3.0/mlflow/traces/metrics} (and its {@code /ajax-api} twin). */
@Path("{prefix:(api|ajax-api)/3\\.0/mlflow}/traces/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class TraceMetricsResource {

  private final TraceMetricsService metrics;
  private final RequestReader reader;

  public TraceMetricsResource(TraceMetricsService metrics, RequestReader reader) {
    this.metrics = metrics;
    this.reader = reader;
  }

  @POST
  public Result query(String body) {
    return new Result(metrics.query(reader.body(body, Query.class)), null);
  }
}
