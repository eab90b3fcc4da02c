package io.homelab.observer.tracking.error;

/**
 * MLflow's error codes and the HTTP status its server answers with ({@code
 * ERROR_CODE_TO_HTTP_STATUS} in mlflow/exceptions.py; reference/mlflow.md section 1).
 * RESOURCE_ALREADY_EXISTS is 400, not 409.
 */
public enum ErrorCode {
  INTERNAL_ERROR(500),
  TEMPORARILY_UNAVAILABLE(503),
  INVALID_STATE(500),
  DATA_LOSS(500),
  BAD_REQUEST(400),
  INVALID_PARAMETER_VALUE(400),
  RESOURCE_ALREADY_EXISTS(400),
  RESOURCE_DOES_NOT_EXIST(404),
  ENDPOINT_NOT_FOUND(404),
  NOT_FOUND(404),
  PERMISSION_DENIED(403),
  UNAUTHENTICATED(401),
  RESOURCE_CONFLICT(409),
  ABORTED(409),
  ALREADY_EXISTS(409),
  REQUEST_LIMIT_EXCEEDED(429),
  RESOURCE_EXHAUSTED(429),
  NOT_IMPLEMENTED(501),
  DEADLINE_EXCEEDED(504),
  CANCELLED(499);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  /** HTTP status MLflow's server uses for this code. */
  public int status() {
    return status;
  }
}
