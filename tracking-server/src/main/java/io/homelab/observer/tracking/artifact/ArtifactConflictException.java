package io.homelab.observer.tracking.artifact;

import io.homelab.observer.tracking.error.ErrorCode;
import io.homelab.observer.tracking.error.MlflowException;

/**
 * The path is safe but names the wrong kind of thing (a directory where a file is expected, or a
 * file where a directory must be created); MLflow answers 400 INVALID_PARAMETER_VALUE with the
 * reason.
 */
public class ArtifactConflictException extends MlflowException {

  public ArtifactConflictException(String message) {
    super(ErrorCode.INVALID_PARAMETER_VALUE, message);
  }
}
