package io.homelab.observer.tracking.artifact;

import io.homelab.observer.tracking.error.ErrorCode;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.loggedmodel.LoggedModelService;
import io.homelab.observer.tracking.wire.TrackingPaths;
import io.quarkus.logging.Log;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;

/**
 * The artifacts of an MLflow 3 logged model by model id, as MLflow's UI and client read them:
 * {@code /ajax-api/2.0/mlflow/logged-models/{id}/artifacts/files?artifact_file_path=} (one file)
 * and {@code .../logged-models/{id}/artifacts/directories?artifact_directory_path=} (a listing).
 * Like the run routes, only a location under this server's artifact root is ever read.
 */
@Path("/")
public class LoggedModelArtifactResource {

  private final LoggedModelService models;
  private final ArtifactStore store;
  private final ArtifactDownloads downloads;

  public LoggedModelArtifactResource(
      LoggedModelService models, ArtifactStore store, ArtifactDownloads downloads) {
    this.models = models;
    this.store = store;
    this.downloads = downloads;
  }

  @GET
  @Path("ajax-api/2.0/mlflow/logged-models/{modelId}/artifacts/files")
  public Response file(
      @PathParam("modelId") String modelId,
      @Encoded @QueryParam("artifact_file_path") String path) {
    if (path == null || path.isEmpty()) {
      // MLflow answers this one with BAD_REQUEST, not INVALID_PARAMETER_VALUE.
      throw new MlflowException(
          ErrorCode.BAD_REQUEST,
          "Request must include the \"artifact_file_path\" query parameter.");
    }
    String rel = ArtifactPaths.normalise(path);
    return downloads.send(ArtifactPaths.join(base(modelId), rel));
  }

  @GET
  @Path(TrackingPaths.PREFIX + "/logged-models/{modelId}/artifacts/directories")
  @Produces(MediaType.APPLICATION_JSON)
  public RunArtifactListing.RunListing directory(
      @PathParam("modelId") String modelId,
      @Encoded @QueryParam("artifact_directory_path") String path) {
    String rel = path == null || path.isEmpty() ? "" : ArtifactPaths.normalise(path);
    String location = location(modelId);
    try {
      List<FileInfo> files =
          store.list(ArtifactPaths.join(base(modelId, location), rel)).stream()
              .map(
                  f ->
                      new FileInfo(
                          rel.isEmpty() ? f.path() : rel + "/" + f.path(), f.isDir(), f.fileSize()))
              .toList();
      return new RunArtifactListing.RunListing(location, files);
    } catch (IOException e) {
      Log.warnf("artifact list failed: %s", e.toString());
      throw new MlflowException(ErrorCode.INTERNAL_ERROR, "Artifact storage failed to list.");
    }
  }

  private String location(String modelId) {
    return models.get(modelId, false).info().artifactUri();
  }

  private String base(String modelId) {
    return base(modelId, location(modelId));
  }

  private static String base(String modelId, String location) {
    return ProxiedLocations.rootRelative(location)
        .orElseThrow(
            () ->
                MlflowException.invalid(
                    "The artifacts of logged model "
                        + modelId
                        + " are not stored under this server's artifact root; they are not"
                        + " served."));
  }
}
