package io.homelab.observer.tracking.registry;

import static io.homelab.observer.tracking.wire.Validation.required;

import io.homelab.observer.tracking.registry.RegistryModels.AliasReq;
import io.homelab.observer.tracking.registry.RegistryModels.ByName;
import io.homelab.observer.tracking.registry.RegistryModels.CreateModel;
import io.homelab.observer.tracking.registry.RegistryModels.LatestVersions;
import io.homelab.observer.tracking.registry.RegistryModels.ModelOut;
import io.homelab.observer.tracking.registry.RegistryModels.ModelTag;
import io.homelab.observer.tracking.registry.RegistryModels.ModelsOut;
import io.homelab.observer.tracking.registry.RegistryModels.RegisteredModel;
import io.homelab.observer.tracking.registry.RegistryModels.Rename;
import io.homelab.observer.tracking.registry.RegistryModels.Search;
import io.homelab.observer.tracking.registry.RegistryModels.UpdateModel;
import io.homelab.observer.tracking.registry.RegistryModels.VersionOut;
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

/** MLflow's registered-models routes ({@code /api/2.0/mlflow/registered-models/*}). */
@Path(TrackingPaths.PREFIX + "/registered-models")
@Produces(MediaType.APPLICATION_JSON)
public class RegisteredModelResource {

  private final RegisteredModelService registry;
  private final RequestReader reader;

  public RegisteredModelResource(RegisteredModelService registry, RequestReader reader) {
    this.registry = registry;
    this.reader = reader;
  }

  @POST
  @Path("create")
  public ModelOut create(String body) {
    CreateModel req = reader.body(body, CreateModel.class);
    return new ModelOut(
        registry.createModel(required(req.name(), "name"), req.tags(), req.description()));
  }

  @GET
  @Path("get")
  public ModelOut get(@Context UriInfo uri) {
    return new ModelOut(
        registry.getModel(reader.query(uri.getQueryParameters(), ByName.class).name()));
  }

  @POST
  @Path("rename")
  public ModelOut rename(String body) {
    Rename req = reader.body(body, Rename.class);
    return new ModelOut(
        registry.rename(required(req.name(), "name"), required(req.newName(), "new_name")));
  }

  @PATCH
  @Path("update")
  public ModelOut update(String body) {
    UpdateModel req = reader.body(body, UpdateModel.class);
    return new ModelOut(registry.updateModel(required(req.name(), "name"), req.description()));
  }

  @DELETE
  @Path("delete")
  public Map<String, Object> delete(String body, @Context UriInfo uri) {
    registry.deleteModel(reader.bodyOrQuery(body, uri.getQueryParameters(), ByName.class).name());
    return Map.of();
  }

  @Path("search")
  public GetOrPostRoute<Search> search() {
    return new GetOrPostRoute<>(reader, Search.class, this::search);
  }

  private ModelsOut search(Search req) {
    Page<RegisteredModel> page =
        registry.searchModels(req.filter(), req.maxResults(), req.orderBy(), req.pageToken());
    return new ModelsOut(page.items(), page.nextPageToken());
  }

  @Path("get-latest-versions")
  public GetOrPostRoute<LatestVersions> latest() {
    return new GetOrPostRoute<>(reader, LatestVersions.class, this::latest);
  }

  private VersionsOut latest(LatestVersions req) {
    return new VersionsOut(
        registry.latestVersions(required(req.name(), "name"), req.stages()), null);
  }

  @POST
  @Path("set-tag")
  public Map<String, Object> setTag(String body) {
    ModelTag req = reader.body(body, ModelTag.class);
    registry.setModelTag(
        required(req.name(), "name"),
        required(req.key(), "key"),
        req.value() == null ? "" : req.value());
    return Map.of();
  }

  @DELETE
  @Path("delete-tag")
  public Map<String, Object> deleteTag(String body, @Context UriInfo uri) {
    ModelTag req = reader.bodyOrQuery(body, uri.getQueryParameters(), ModelTag.class);
    registry.deleteModelTag(required(req.name(), "name"), required(req.key(), "key"));
    return Map.of();
  }

  @POST
  @Path("alias")
  public Map<String, Object> setAlias(String body) {
    AliasReq req = reader.body(body, AliasReq.class);
    registry.setAlias(required(req.name(), "name"), req.alias(), req.version());
    return Map.of();
  }

  @DELETE
  @Path("alias")
  public Map<String, Object> deleteAlias(String body, @Context UriInfo uri) {
    AliasReq req = reader.bodyOrQuery(body, uri.getQueryParameters(), AliasReq.class);
    registry.deleteAlias(required(req.name(), "name"), req.alias());
    return Map.of();
  }

  @GET
  @Path("alias")
  public VersionOut getByAlias(@Context UriInfo uri) {
    AliasReq req = reader.query(uri.getQueryParameters(), AliasReq.class);
    return new VersionOut(registry.versionByAlias(req.name(), req.alias()));
  }
}
