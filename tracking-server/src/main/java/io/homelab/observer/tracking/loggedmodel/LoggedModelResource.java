package io.homelab.observer.tracking.loggedmodel;

import io.homelab.observer.tracking.loggedmodel.LoggedModels.Create;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.Finalize;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.Found;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.LoggedModel;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.One;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.Params;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.Search;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.Tags;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.wire.RequestReader;
import io.homelab.observer.tracking.wire.TrackingPaths;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;

/** MLflow 3's logged-model routes under {@code /api/2.0/mlflow/logged-models}. */
@Path(TrackingPaths.PREFIX + "/logged-models")
@Produces(MediaType.APPLICATION_JSON)
public class LoggedModelResource {

  private final LoggedModelService models;
  private final RequestReader reader;

  public LoggedModelResource(LoggedModelService models, RequestReader reader) {
    this.models = models;
    this.reader = reader;
  }

  @POST
  public One create(String body) {
    Create req = reader.body(body, Create.class);
    return new One(
        models.create(
            req.experimentId(),
            req.name(),
            req.modelType(),
            req.sourceRunId(),
            req.params(),
            req.tags()));
  }

  @POST
  @Path("search")
  public Found search(String body) {
    Search req = reader.body(body, Search.class);
    Page<LoggedModel> page =
        models.search(
            req.experimentIds(),
            req.filter(),
            req.datasets(),
            req.maxResults(),
            req.orderBy(),
            req.pageToken());
    return new Found(page.items(), page.nextPageToken());
  }

  @GET
  @Path("{modelId}")
  public One get(@RestPath String modelId, @QueryParam("allow_deleted") String allowDeleted) {
    return new One(models.get(modelId, "true".equalsIgnoreCase(allowDeleted)));
  }

  @PATCH
  @Path("{modelId}")
  public One finalizeModel(@RestPath String modelId, String body) {
    Finalize req = reader.body(body, Finalize.class);
    return new One(models.finalizeModel(modelId, req.status()));
  }

  @DELETE
  @Path("{modelId}")
  public Map<String, Object> delete(@RestPath String modelId) {
    models.delete(modelId);
    return Map.of();
  }

  @PATCH
  @Path("{modelId}/tags")
  public Map<String, Object> setTags(@RestPath String modelId, String body) {
    models.setTags(modelId, reader.body(body, Tags.class).tags());
    return Map.of();
  }

  @DELETE
  @Path("{modelId}/tags/{tagKey}")
  public Map<String, Object> deleteTag(@RestPath String modelId, @RestPath String tagKey) {
    models.deleteTag(modelId, tagKey);
    return Map.of();
  }

  @POST
  @Path("{modelId}/params")
  public Map<String, Object> logParams(@RestPath String modelId, String body) {
    models.logParams(modelId, reader.body(body, Params.class).params());
    return Map.of();
  }
}
