package io.homelab.observer.tracking.wire;

/**
 * The URL prefixes MLflow serves its tracking API under (reference/mlflow.md section 1): {@code
 * /api/2.0/mlflow}, the UI's {@code /ajax-api/2.0/mlflow} and the older {@code
 * /api/2.0/preview/mlflow}. Resources use {@link #PREFIX} as their class-level path.
 */
public final class TrackingPaths {

  /** JAX-RS path template matching all three prefixes. */
  public static final String PREFIX = "{prefix:(api|ajax-api)/2\\.0/(preview/)?mlflow}";

  private TrackingPaths() {}

  /** Whether a request path belongs to the JSON tracking API (not the artifact proxy). */
  public static boolean isTrackingApi(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.startsWith("api/2.0/mlflow/")
        || p.startsWith("ajax-api/2.0/mlflow/")
        || p.startsWith("api/2.0/preview/mlflow/");
  }
}
