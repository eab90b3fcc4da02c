package io.homelab.observer.tracking.artifact;

/**
 * An artifact file was written through the proxy ({@code PUT .../mlflow-artifacts/artifacts/...}).
 *
 * @param path normalised, relative to the artifact root: {@code <experiment>/<run>/artifacts/...}
 */
public record ArtifactUploaded(String path, long bytes) {}
