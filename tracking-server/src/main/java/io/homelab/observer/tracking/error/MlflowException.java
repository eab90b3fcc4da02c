package io.homelab.observer.tracking.error;

/**
 * An API failure with MLflow's error code; becomes {@code {"error_code","message"}} with its
 * status.
 */
public class MlflowException extends RuntimeException {

  private final ErrorCode code;

  public MlflowException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  /** INVALID_PARAMETER_VALUE (400), the code of nearly every validation failure in MLflow. */
  public static MlflowException invalid(String message) {
    return new MlflowException(ErrorCode.INVALID_PARAMETER_VALUE, message);
  }

  /** RESOURCE_DOES_NOT_EXIST (404). */
  public static MlflowException notFound(String message) {
    return new MlflowException(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
  }

  /** RESOURCE_ALREADY_EXISTS (400 in MLflow, not 409). */
  public static MlflowException exists(String message) {
    return new MlflowException(ErrorCode.RESOURCE_ALREADY_EXISTS, message);
  }

  /** MLflow's text for a missing required request field. */
  public static MlflowException missing(String field) {
    return invalid(
        "Missing value for required parameter '"
            + field
            + "'. See the API docs for more information about request parameters.");
  }
}
