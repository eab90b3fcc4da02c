package io.homelab.observer.tracking.dataset;

import io.homelab.observer.tracking.dataset.DatasetSummaries.Found;
import io.homelab.observer.tracking.dataset.DatasetSummaries.Search;
import io.homelab.observer.tracking.wire.RequestReader;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** MLflow's UI-only {@code /ajax-api/2.0/mlflow/experiments/search-datasets}. */
@Path("ajax-api/2.0/mlflow/experiments/search-datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetSummaryResource {

  private final DatasetSummaryService datasets;
  private final RequestReader reader;

  public DatasetSummaryResource(DatasetSummaryService datasets, RequestReader reader) {
    this.datasets = datasets;
    this.reader = reader;
  }

  @POST
  public Found search(String body) {
    return new Found(datasets.search(reader.body(body, Search.class).experimentIds()));
  }
}
