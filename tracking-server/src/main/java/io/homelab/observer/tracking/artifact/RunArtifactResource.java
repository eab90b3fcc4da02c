package io.homelab.observer.tracking.artifact;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.registry.ModelVersionService;
import io.homelab.observer.tracking.run.RunService;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.homelab.observer.tracking.wire.RequestReader;
import io.homelab.observer.tracking.wire.TrackingPaths;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Artifact routes keyed by run or model version rather than by proxy path: MLflow's {@code
 * /get-artifact?run_uuid=&path=} and {@code /model-versions/get-artifact?name=&version=&path=} (the
 * UI downloads through them), and {@code /api/2.0/mlflow/artifacts/list?run_id=&path=}.
 *
 * <p>The request path is checked first; then the stored location is mapped under the artifact root
 * by {@link ProxiedLocations}, and a location outside the proxy is never read: this is where
 * MLflow's arbitrary-file-read CVEs (1177, 2356, 2780, 6977) lived.
 */
@Path("/")
public class RunArtifactResource {

  /** MLflow's cap on one upload-artifact body. */
  static final int MAX_UPLOAD = 10 * 1024 * 1024;

  private final RunService runs;
  private final ModelVersionService registry;
  private final ArtifactStore store;
  private final ArtifactDownloads downloads;
  private final RequestReader reader;
  private final RunArtifactListing listing;

  public RunArtifactResource(
      RunService runs,
      ModelVersionService registry,
      ArtifactStore store,
      ArtifactDownloads downloads,
      RequestReader reader,
      RunArtifactListing listing) {
    this.reader = reader;
    this.listing = listing;
    this.runs = runs;
    this.registry = registry;
    this.store = store;
    this.downloads = downloads;
  }

  @GET
  @Path("get-artifact")
  public Response runArtifact(@Context UriInfo uri, @Encoded @QueryParam("path") String path) {
    String rel = ArtifactPaths.normalise(required(path, "path"));
    // The run as the permission check read it (run_id / run_uuid resolved once).
    String run = required(reader.query(uri.getQueryParameters(), RunRef.class).runId(), "run_id");
    String location =
        runs.artifactUri(run)
            .orElseThrow(() -> MlflowException.notFound("Run with id=" + run + " not found"));
    return downloads.send(ArtifactPaths.join(base(location, "run " + run), rel));
  }

  @GET
  @Path("model-versions/get-artifact")
  public Response modelVersionArtifact(
      @Context UriInfo uri, @Encoded @QueryParam("path") String path) {
    String rel = ArtifactPaths.normalise(required(path, "path"));
    VersionRef ref = reader.query(uri.getQueryParameters(), VersionRef.class);
    String model = required(ref.name(), "name");
    String v = required(ref.version(), "version");
    String location =
        registry
            .storageLocation(model, v)
            .orElseThrow(
                () ->
                    MlflowException.notFound(
                        "Model Version (name=" + model + ", version=" + v + ") not found"));
    return downloads.send(
        ArtifactPaths.join(base(location, "model version " + model + "/" + v), rel));
  }

  /**
   * The UI's upload of one small file into a run's artifacts ({@code
   * upload-artifact?run_uuid=&path=}, the raw bytes as the body, at most 10 MB), with MLflow's
   * checks and messages.
   */
  @POST
  @Path("ajax-api/2.0/mlflow/upload-artifact")
  @Produces(MediaType.APPLICATION_JSON)
  public ArtifactResource.Empty upload(
      @Context UriInfo uri, @Encoded @QueryParam("path") String path, InputStream body) {
    String run = reader.query(uri.getQueryParameters(), RunRef.class).runId();
    if (run == null || run.isEmpty()) {
      throw MlflowException.invalid("Request must specify run_uuid.");
    }
    if (path == null || path.isEmpty()) {
      throw MlflowException.invalid("Request must specify path.");
    }
    String rel = ArtifactPaths.normalise(path);
    byte[] data;
    try {
      data = body == null ? new byte[0] : body.readNBytes(MAX_UPLOAD + 1);
    } catch (IOException e) {
      throw MlflowException.invalid("Request must specify data.");
    }
    if (data.length > MAX_UPLOAD) {
      throw MlflowException.invalid("Artifact size is too large. Max size is 10MB.");
    }
    if (data.length == 0) {
      throw MlflowException.invalid("Request must specify data.");
    }
    String location =
        runs.artifactUri(run)
            .orElseThrow(() -> MlflowException.notFound("Run with id=" + run + " not found"));
    try {
      store.write(
          ArtifactPaths.join(base(location, "run " + run), rel), new ByteArrayInputStream(data));
    } catch (IOException e) {
      Log.warnf("artifact upload failed: %s", e.toString());
      throw new MlflowException(
          io.homelab.observer.tracking.error.ErrorCode.INTERNAL_ERROR,
          "Artifact storage failed to write.");
    }
    return new ArtifactResource.Empty();
  }

  /** MLflow's ListArtifacts: run-relative paths, sizes of files, one level deep. */
  @GET
  @Path(TrackingPaths.PREFIX + "/artifacts/list")
  @Produces(MediaType.APPLICATION_JSON)
  public RunArtifactListing.RunListing list(
      @Context UriInfo uri, @Encoded @QueryParam("path") String path) {
    String run = required(reader.query(uri.getQueryParameters(), RunRef.class).runId(), "run_id");
    return listing.list(run, path);
  }

  private static String base(String location, String what) {
    return RunArtifactListing.base(location, what);
  }

  private static String required(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw MlflowException.missing(field);
    }
    return value;
  }

  /** The run a request names ({@code run_uuid} is folded into it by the request reader). */
  @MlflowJson
  @RegisterForReflection
  record RunRef(String runId) {}

  /** The model version a request names. */
  @MlflowJson
  @RegisterForReflection
  record VersionRef(String name, String version) {}
}
