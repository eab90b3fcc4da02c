package io.homelab.observer.tracking.artifact;

/**
 * The path is safe but names the wrong kind of thing (a directory where a file is expected, or a file
 * where a directory must be created); MLflow answers 400 INVALID_PARAMETER_VALUE with the reason.
 */
public class ArtifactConflictException extends RuntimeException {

  public ArtifactConflictException(String message) {
    super(message);
  }
}
