package io.homelab.observer.common.error;

/**
 * An error with its HTTP status and UPPER_SNAKE code, answered by the agent and the controller as
 * {@code {"error","message"}} (SPEC.md, {@link io.homelab.observer.common.wire.ErrorBody}). The
 * factories are the codes both services use; a service's own codes are built where it needs them
 * (the agent's in {@code error.AgentErrors}).
 */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public ApiException(int status, String code, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  /** UPPER_SNAKE error code. */
  public String code() {
    return code;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BAD_REQUEST", message);
  }

  public static ApiException unauthenticated(String message) {
    return new ApiException(401, "UNAUTHENTICATED", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "FORBIDDEN", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "NOT_FOUND", message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "CONFLICT", message);
  }

  public static ApiException tooManyRequests(String message) {
    return new ApiException(429, "TOO_MANY_REQUESTS", message);
  }
}
