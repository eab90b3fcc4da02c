package io.homelab.observer.tracking.tracemetrics;

import io.homelab.observer.tracking.wire.RequestReader;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** MLflow 3's {@code POST /api/3.0/mlflow/traces/calculate-filter-correlation}. */
@Path("{prefix:(api|ajax-api)/3\\.0/mlflow}/traces/calculate-filter-correlation")
@Produces(MediaType.APPLICATION_JSON)
public class FilterCorrelationResource {

  private final FilterCorrelation correlation;
  private final RequestReader reader;

  public FilterCorrelationResource(FilterCorrelation correlation, RequestReader reader) {
    this.correlation = correlation;
    this.reader = reader;
  }

  @POST
  public FilterCorrelation.Result calculate(String body) {
    return correlation.calculate(reader.body(body, FilterCorrelation.Request.class));
  }
}
