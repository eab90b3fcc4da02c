package io.homelab.observer.tracking.evaldataset;

import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.Create;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.DeleteRecords;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.Deleted;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.ExperimentIds;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.Experiments;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.Found;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.GetRecords;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.OneDataset;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.Records;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.Search;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.SetTags;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.Upsert;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasets.Upserted;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.wire.RequestReader;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;

/**
 * MLflow 3's evaluation-dataset routes, {@code /api/3.0/mlflow/datasets/...} and their {@code
 * /ajax-api} twins, as MLflow 3.17's handlers answer them.
 */
@Path("{prefix:(api|ajax-api)/3\\.0/mlflow}/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationDatasetResource {

  private final EvaluationDatasetService datasets;
  private final RecordService records;
  private final RequestReader reader;

  public EvaluationDatasetResource(
      EvaluationDatasetService datasets, RecordService records, RequestReader reader) {
    this.datasets = datasets;
    this.records = records;
    this.reader = reader;
  }

  @POST
  @Path("create")
  public OneDataset create(String body) {
    Create req = reader.body(body, Create.class);
    return new OneDataset(datasets.create(req.name(), req.experimentIds(), req.tags()));
  }

  @POST
  @Path("search")
  public Found search(String body) {
    return search(reader.body(body, Search.class));
  }

  @GET
  @Path("search")
  public Found searchByQuery(@Context UriInfo uri) {
    return search(reader.query(uri.getQueryParameters(), Search.class));
  }

  private Found search(Search req) {
    Page<EvaluationDatasets.Dataset> page =
        datasets.search(
            req.experimentIds(),
            req.filterString(),
            req.maxResults(),
            req.orderBy(),
            req.pageToken());
    return new Found(page.items(), page.nextPageToken());
  }

  @GET
  @Path("{datasetId}")
  public OneDataset get(@RestPath String datasetId) {
    return new OneDataset(datasets.get(datasetId));
  }

  @DELETE
  @Path("{datasetId}")
  public Map<String, Object> delete(@RestPath String datasetId) {
    datasets.delete(datasetId);
    return Map.of();
  }

  @PATCH
  @Path("{datasetId}/tags")
  public Map<String, Object> setTags(@RestPath String datasetId, String body) {
    datasets.setTags(datasetId, reader.body(body, SetTags.class).tags());
    return Map.of();
  }

  @DELETE
  @Path("{datasetId}/tags/{key: .+}")
  public Map<String, Object> deleteTag(@RestPath String datasetId, @RestPath String key) {
    datasets.deleteTag(datasetId, key);
    return Map.of();
  }

  @POST
  @Path("{datasetId}/records")
  public Upserted upsert(@RestPath String datasetId, String body) {
    RecordService.Counts n = records.upsert(datasetId, reader.body(body, Upsert.class).records());
    return new Upserted(n.inserted(), n.updated());
  }

  @GET
  @Path("{datasetId}/records")
  public Records records(@RestPath String datasetId, @Context UriInfo uri) {
    GetRecords req = reader.query(uri.getQueryParameters(), GetRecords.class);
    RecordService.RecordPage page = records.page(datasetId, req.maxResults(), req.pageToken());
    return new Records(page.records().toString(), page.nextPageToken());
  }

  @DELETE
  @Path("{datasetId}/records")
  public Deleted deleteRecords(@RestPath String datasetId, String body) {
    DeleteRecords req = reader.body(body, DeleteRecords.class);
    return new Deleted(records.delete(datasetId, req.datasetRecordIds()));
  }

  @GET
  @Path("{datasetId}/experiment-ids")
  public ExperimentIds experimentIds(@RestPath String datasetId) {
    return new ExperimentIds(datasets.experimentIds(datasetId));
  }

  @POST
  @Path("{datasetId}/add-experiments")
  public OneDataset addExperiments(@RestPath String datasetId, String body) {
    Experiments req = reader.body(body, Experiments.class);
    return new OneDataset(datasets.addToExperiments(datasetId, req.experimentIds()));
  }

  @POST
  @Path("{datasetId}/remove-experiments")
  public OneDataset removeExperiments(@RestPath String datasetId, String body) {
    Experiments req = reader.body(body, Experiments.class);
    return new OneDataset(datasets.removeFromExperiments(datasetId, req.experimentIds()));
  }
}
