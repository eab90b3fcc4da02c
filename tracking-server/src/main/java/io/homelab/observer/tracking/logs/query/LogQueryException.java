package io.homelab.observer.tracking.logs.query;

import io.homelab.observer.tracking.error.MlflowException;

/**
 * A query that does not parse: MLflow's 400 INVALID_PARAMETER_VALUE, with the 1-based position of
 * the offending character in the message.
 */
public class LogQueryException extends MlflowException {

  private final int position;

  public LogQueryException(int position, String problem) {
    super(
        io.homelab.observer.tracking.error.ErrorCode.INVALID_PARAMETER_VALUE,
        "Invalid log query at position " + position + ": " + problem);
    this.position = position;
  }

  /** 1-based position of the character the parser stopped at. */
  public int position() {
    return position;
  }
}
