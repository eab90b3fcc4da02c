package io.homelab.observer.tracking.registry;

import static io.homelab.observer.tracking.wire.Validation.required;

import io.homelab.observer.tracking.registry.RegistryModels.CreateVersion;
import io.homelab.observer.tracking.registry.RegistryModels.DownloadUri;
import io.homelab.observer.tracking.registry.RegistryModels.ModelVersion;
import io.homelab.observer.tracking.registry.RegistryModels.Search;
import io.homelab.observer.tracking.registry.RegistryModels.Transition;
import io.homelab.observer.tracking.registry.RegistryModels.UpdateVersion;
import io.homelab.observer.tracking.registry.RegistryModels.VersionOut;
import io.homelab.observer.tracking.registry.RegistryModels.VersionRef;
import io.homelab.observer.tracking.registry.RegistryModels.VersionTag;
import io.homelab.observer.tracking.registry.RegistryModels.VersionsOut;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.wire.GetOrPostRoute;
import io.homelab.observer.tracking.wire.RequestReader;
import io.homelab.observer.tracking.wire.TrackingPaths;
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

/** MLflow's model-versions routes ({@code /api/2.0/mlflow/model-versions/*}). */
@Path(TrackingPaths.PREFIX + "/model-versions")
@Produces(MediaType.APPLICATION_JSON)
public class ModelVersionResource {

  private final ModelVersionService registry;
  private final RequestReader reader;

  public ModelVersionResource(ModelVersionService registry, RequestReader reader) {
    this.registry = registry;
    this.reader = reader;
  }

  @POST
  @Path("create")
  public VersionOut create(String body) {
    CreateVersion req = reader.body(body, CreateVersion.class);
    return new VersionOut(
        registry.createVersion(
            required(req.name(), "name"),
            req.source(),
            req.runId(),
            req.tags(),
            req.runLink(),
            req.description(),
            req.modelId()));
  }

  @GET
  @Path("get")
  public VersionOut get(@Context UriInfo uri) {
    VersionRef req = reader.query(uri.getQueryParameters(), VersionRef.class);
    return new VersionOut(registry.getVersion(req.name(), req.version()));
  }

  @PATCH
  @Path("update")
  public VersionOut update(String body) {
    UpdateVersion req = reader.body(body, UpdateVersion.class);
    return new VersionOut(
        registry.updateVersion(required(req.name(), "name"), req.version(), req.description()));
  }

  @POST
  @Path("transition-stage")
  public VersionOut transition(String body) {
    Transition req = reader.body(body, Transition.class);
    return new VersionOut(
        registry.transition(
            required(req.name(), "name"),
            req.version(),
            req.stage(),
            Boolean.TRUE.equals(req.archiveExistingVersions())));
  }

  @DELETE
  @Path("delete")
  public Map<String, Object> delete(String body, @Context UriInfo uri) {
    VersionRef req = reader.bodyOrQuery(body, uri.getQueryParameters(), VersionRef.class);
    registry.deleteVersion(required(req.name(), "name"), req.version());
    return Map.of();
  }

  @Path("search")
  public GetOrPostRoute<Search> search() {
    return new GetOrPostRoute<>(reader, Search.class, this::search);
  }

  private VersionsOut search(Search req) {
    Page<ModelVersion> page =
        registry.searchVersions(req.filter(), req.maxResults(), req.orderBy(), req.pageToken());
    return new VersionsOut(page.items(), page.nextPageToken());
  }

  @GET
  @Path("get-download-uri")
  public DownloadUri downloadUri(@Context UriInfo uri) {
    VersionRef req = reader.query(uri.getQueryParameters(), VersionRef.class);
    return new DownloadUri(registry.downloadUri(required(req.name(), "name"), req.version()));
  }

  @POST
  @Path("set-tag")
  public Map<String, Object> setTag(String body) {
    VersionTag req = reader.body(body, VersionTag.class);
    registry.setVersionTag(
        required(req.name(), "name"),
        req.version(),
        required(req.key(), "key"),
        req.value() == null ? "" : req.value());
    return Map.of();
  }

  @DELETE
  @Path("delete-tag")
  public Map<String, Object> deleteTag(String body, @Context UriInfo uri) {
    VersionTag req = reader.bodyOrQuery(body, uri.getQueryParameters(), VersionTag.class);
    registry.deleteVersionTag(
        required(req.name(), "name"), req.version(), required(req.key(), "key"));
    return Map.of();
  }
}
