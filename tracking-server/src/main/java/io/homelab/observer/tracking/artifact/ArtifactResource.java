package io.homelab.observer.tracking.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.homelab.observer.tracking.error.ErrorCode;
import io.homelab.observer.tracking.error.MlflowException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * MLflow's artifact proxy ({@code mlflow server --serve-artifacts}) on the local artifact root:
 * {@code /api/2.0/mlflow-artifacts/artifacts/<path>} upload (PUT), download (GET), delete, and
 * listing ({@code GET .../artifacts?path=<dir>}); also under {@code /ajax-api/}. Paths are taken
 * raw ({@link Encoded}) and canonicalised once by {@link ArtifactPaths}, so no layer decodes a path
 * that another layer has checked.
 */
@Path("/{prefix:api|ajax-api}/2.0/mlflow-artifacts")
public class ArtifactResource {

  private final ArtifactStore store;
  private final ArtifactDownloads downloads;
  private final Event<ArtifactUploaded> uploaded;

  public ArtifactResource(
      ArtifactStore store, ArtifactDownloads downloads, Event<ArtifactUploaded> uploaded) {
    this.uploaded = uploaded;
    this.store = store;
    this.downloads = downloads;
  }

  /** Listing, as MLflow's: basenames; a missing directory lists as empty ({@code {}}). */
  @GET
  @Path("artifacts")
  @Produces(MediaType.APPLICATION_JSON)
  public Listing list(@Encoded @QueryParam("path") String path) {
    try {
      return new Listing(store.list(path == null ? "" : path));
    } catch (IOException e) {
      throw storageError("list", e);
    }
  }

  @GET
  @Path("artifacts/{path:.+}")
  public Response download(@Encoded @PathParam("path") String path) {
    return downloads.send(path);
  }

  /** Streams the raw body to disk (any content type: MLflow exempts uploads from its JSON rule). */
  @PUT
  @Path("artifacts/{path:.+}")
  @Produces(MediaType.APPLICATION_JSON)
  public Empty upload(@Encoded @PathParam("path") String path, InputStream body) {
    long bytes;
    try {
      bytes = store.write(path, body);
    } catch (IOException e) {
      throw storageError("write", e);
    }
    // Observers (the log index of log_text artifacts) run on their own thread, after the answer.
    uploaded.fireAsync(new ArtifactUploaded(ArtifactPaths.normalise(path), bytes));
    return new Empty();
  }

  @DELETE
  @Path("artifacts/{path:.+}")
  @Produces(MediaType.APPLICATION_JSON)
  public Empty delete(@Encoded @PathParam("path") String path) {
    try {
      store.delete(path);
    } catch (IOException e) {
      throw storageError("delete", e);
    }
    return new Empty();
  }

  /**
   * Multipart upload (create/complete/abort): MLflow supports it only on cloud stores and answers
   * 501 on a local root; the Python client then uploads with one PUT. The path is still checked
   * first.
   */
  @POST
  @Path("mpu/{operation:create|complete|abort}/{path:.+}")
  @Produces(MediaType.APPLICATION_JSON)
  public Empty multipart(@Encoded @PathParam("path") String path) {
    ArtifactPaths.normalise(path);
    throw new MlflowException(
        ErrorCode.NOT_IMPLEMENTED,
        "Multipart upload is not supported for the current artifact repository");
  }

  /** Presigned downloads: cloud stores only in MLflow; 501 here, as MLflow on a local root. */
  @GET
  @Path("presigned/{path:.+}")
  @Produces(MediaType.APPLICATION_JSON)
  public Empty presigned(@Encoded @PathParam("path") String path) {
    ArtifactPaths.normalise(path);
    throw new MlflowException(
        ErrorCode.NOT_IMPLEMENTED,
        "Presigned download is not supported for the current artifact repository");
  }

  /**
   * A disk failure (full, read-only, client gone mid-upload): logged here, 500 without file paths.
   */
  private static MlflowException storageError(String what, IOException e) {
    Log.warnf("artifact %s failed: %s", what, e.toString());
    return new MlflowException(
        ErrorCode.INTERNAL_ERROR, "Artifact storage failed to " + what + ".");
  }

  /** {@code {"files":[...]}}; the empty list is left out, as protobuf JSON does. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Listing(List<FileInfo> files) {}

  /** MLflow's empty response message. */
  @RegisterForReflection
  public record Empty() {}
}
