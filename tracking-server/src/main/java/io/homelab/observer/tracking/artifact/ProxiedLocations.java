package io.homelab.observer.tracking.artifact;

import java.util.Optional;

/**
 * Maps an artifact location stored in the tracking database (a run's artifact_uri, a logged model's
 * or model version's location) to a path under the artifact root, as MLflow's {@code
 * _get_proxied_run_artifact_destination_path} does; only proxied locations map.
 *
 * <p>Anything else ({@code file:///etc}, {@code /etc}, {@code s3://...}, {@code file://./x}) is not
 * served at all: MLflow reading such locations through {@code /get-artifact} and {@code
 * /model-versions/get-artifact} was CVE-2023-1177, -2356, -2780, -6977, -6909 and CVE-2024-3573.
 */
public final class ProxiedLocations {

  private static final String SCHEME = "mlflow-artifacts:";
  private static final String HTTP_ANCHOR = "/api/2.0/mlflow-artifacts/artifacts/";

  private ProxiedLocations() {}

  /**
   * The canonical root-relative path of {@code location}, or empty when the location is not a
   * proxied one; throws {@link UnsafeArtifactPathException} when it is proxied but its path is
   * unsafe.
   */
  public static Optional<String> rootRelative(String location) {
    if (location == null) {
      return Optional.empty();
    }
    String path;
    if (location.startsWith(SCHEME)) {
      // mlflow-artifacts:/1/run/artifacts or mlflow-artifacts://host:port/1/run/artifacts
      path = location.substring(SCHEME.length());
      if (path.startsWith("//")) {
        int slash = path.indexOf('/', 2);
        path = slash < 0 ? "" : path.substring(slash);
      }
    } else if (location.startsWith("http://") || location.startsWith("https://")) {
      int at = location.indexOf(HTTP_ANCHOR);
      if (at < 0) {
        return Optional.empty();
      }
      path = location.substring(at + HTTP_ANCHOR.length());
    } else {
      return Optional.empty();
    }
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    return Optional.of(ArtifactPaths.normalise(path));
  }
}
