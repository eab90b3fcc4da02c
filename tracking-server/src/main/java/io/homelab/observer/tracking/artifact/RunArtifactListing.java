package io.homelab.observer.tracking.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.homelab.observer.tracking.error.ErrorCode;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.run.RunService;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;

/**
 * MLflow's ListArtifacts of a run (REST {@code artifacts/list} and GraphQL {@code
 * mlflowListArtifacts}): run-relative paths, sizes of files, one level deep. A run whose artifacts
 * lie outside this server's artifact root is refused, never read.
 */
@Singleton
public class RunArtifactListing {

  private final RunService runs;
  private final ArtifactStore store;

  public RunArtifactListing(RunService runs, ArtifactStore store) {
    this.runs = runs;
    this.store = store;
  }

  /** {@code path} is the raw relative path asked for (null = the run's artifact root). */
  public RunListing list(String runId, String path) {
    String rel = path == null ? "" : ArtifactPaths.normalise(path);
    String location =
        runs.artifactUri(runId)
            .orElseThrow(() -> MlflowException.notFound("Run with id=" + runId + " not found"));
    String base = base(location, "run " + runId);
    try {
      List<FileInfo> files =
          store.list(ArtifactPaths.join(base, rel)).stream()
              .map(
                  f ->
                      new FileInfo(
                          rel.isEmpty() ? f.path() : rel + "/" + f.path(), f.isDir(), f.fileSize()))
              .toList();
      return new RunListing(location, files);
    } catch (IOException e) {
      Log.warnf("artifact list failed: %s", e.toString());
      throw new MlflowException(ErrorCode.INTERNAL_ERROR, "Artifact storage failed to list.");
    }
  }

  /** The location's path under the artifact root, or 400 when it is not under it. */
  static String base(String location, String what) {
    return ProxiedLocations.rootRelative(location)
        .orElseThrow(
            () ->
                MlflowException.invalid(
                    "The artifacts of "
                        + what
                        + " are not stored under this server's artifact root; they are not served."));
  }

  /** {@code {"root_uri": ..., "files": [...]}}; an empty list is left out as in protobuf JSON. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record RunListing(@JsonProperty("root_uri") String rootUri, List<FileInfo> files) {}
}
