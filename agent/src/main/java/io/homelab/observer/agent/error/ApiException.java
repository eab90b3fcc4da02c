package io.homelab.observer.agent.error;

/** An answer with the SPEC's {@code {"error","message"}} body and a chosen status. */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message);
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

  /**
   * A deploy or other request that asks for more than the agent allows (still a 400 per the issue).
   */
  public static ApiException refused(String message) {
    return new ApiException(400, "REFUSED", message);
  }

  public static ApiException unauthenticated(String message) {
    return new ApiException(401, "UNAUTHENTICATED", message);
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

  public static ApiException dockerUnavailable(String message) {
    return new ApiException(502, "DOCKER_UNAVAILABLE", message);
  }

  public static ApiException dockerError(String message) {
    return new ApiException(502, "DOCKER_ERROR", message);
  }

  public static ApiException dockerTimeout(String message) {
    return new ApiException(504, "DOCKER_TIMEOUT", message);
  }
}
