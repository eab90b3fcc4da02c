package io.homelab.observer.tracking.experiment;

import static io.homelab.observer.tracking.wire.Validation.required;

import io.homelab.observer.tracking.experiment.ExperimentRequests.ById;
import io.homelab.observer.tracking.experiment.ExperimentRequests.ByName;
import io.homelab.observer.tracking.experiment.ExperimentRequests.Create;
import io.homelab.observer.tracking.experiment.ExperimentRequests.Created;
import io.homelab.observer.tracking.experiment.ExperimentRequests.DeleteTag;
import io.homelab.observer.tracking.experiment.ExperimentRequests.Found;
import io.homelab.observer.tracking.experiment.ExperimentRequests.One;
import io.homelab.observer.tracking.experiment.ExperimentRequests.Search;
import io.homelab.observer.tracking.experiment.ExperimentRequests.SetTag;
import io.homelab.observer.tracking.experiment.ExperimentRequests.Update;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.wire.GetOrPostRoute;
import io.homelab.observer.tracking.wire.RequestReader;
import io.homelab.observer.tracking.wire.TrackingPaths;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** MLflow's experiments API: {@code /api/2.0/mlflow/experiments/*} and its aliases. */
@Path(TrackingPaths.PREFIX + "/experiments")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentResource {

  private final ExperimentService experiments;
  private final RequestReader reader;

  public ExperimentResource(ExperimentService experiments, RequestReader reader) {
    this.experiments = experiments;
    this.reader = reader;
  }

  @POST
  @Path("create")
  public Created create(String body) {
    Create req = reader.body(body, Create.class);
    required(req.name(), "name");
    return new Created(experiments.create(req.name(), req.artifactLocation(), req.tags()));
  }

  @GET
  @Path("get")
  public One get(@Context UriInfo uri) {
    ById req = reader.query(uri.getQueryParameters(), ById.class);
    return new One(experiments.get(required(req.experimentId(), "experiment_id")));
  }

  @GET
  @Path("get-by-name")
  public One getByName(@Context UriInfo uri) {
    ByName req = reader.query(uri.getQueryParameters(), ByName.class);
    return new One(experiments.getByName(required(req.experimentName(), "experiment_name")));
  }

  @Path("search")
  public GetOrPostRoute<Search> search() {
    return new GetOrPostRoute<>(reader, Search.class, this::search);
  }

  private Found search(Search req) {
    Page<Experiment> page =
        experiments.search(
            req.filter(), req.orderBy(), req.maxResults(), req.pageToken(), req.viewType());
    return new Found(page.items(), page.nextPageToken());
  }

  @POST
  @Path("update")
  public Map<String, Object> update(String body) {
    Update req = reader.body(body, Update.class);
    experiments.rename(
        required(req.experimentId(), "experiment_id"), required(req.newName(), "new_name"));
    return Map.of();
  }

  @POST
  @Path("delete")
  public Map<String, Object> delete(String body) {
    ById req = reader.body(body, ById.class);
    experiments.delete(required(req.experimentId(), "experiment_id"));
    return Map.of();
  }

  @POST
  @Path("restore")
  public Map<String, Object> restore(String body) {
    ById req = reader.body(body, ById.class);
    experiments.restore(required(req.experimentId(), "experiment_id"));
    return Map.of();
  }

  @POST
  @Path("set-experiment-tag")
  public Map<String, Object> setTag(String body) {
    SetTag req = reader.body(body, SetTag.class);
    experiments.setTag(
        required(req.experimentId(), "experiment_id"),
        required(req.key(), "key"),
        req.value() == null ? "" : req.value());
    return Map.of();
  }

  @POST
  @Path("delete-experiment-tag")
  public Map<String, Object> deleteTag(String body) {
    DeleteTag req = reader.body(body, DeleteTag.class);
    experiments.deleteTag(
        required(req.experimentId(), "experiment_id"), required(req.key(), "key"));
    return Map.of();
  }
}
