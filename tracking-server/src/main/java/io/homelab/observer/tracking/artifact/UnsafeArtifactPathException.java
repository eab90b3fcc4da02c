package io.homelab.observer.tracking.artifact;

import io.homelab.observer.tracking.error.ErrorCode;
import io.homelab.observer.tracking.error.MlflowException;

/**
 * An artifact path that would leave the artifact root, or could be read two ways; answered as
 * MLflow does: 400 INVALID_PARAMETER_VALUE "Invalid path".
 *
 * <p>The reason is kept for the debug log only: the client learns that the path is refused, not
 * which rule caught it, exactly like MLflow's single "Invalid path" message.
 */
public class UnsafeArtifactPathException extends MlflowException {

  private final String reason;

  public UnsafeArtifactPathException(String reason) {
    super(ErrorCode.INVALID_PARAMETER_VALUE, "Invalid path");
    this.reason = reason;
  }

  /** Which rule refused the path (log only). */
  public String reason() {
    return reason;
  }
}
