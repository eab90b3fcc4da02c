package io.homelab.observer.controller.error;

/**
 * An error with its HTTP status and UPPER_SNAKE code, answered as {@code {"error","message"}}
 * (SPEC.md).
 */
public class ApiException extends RuntimeException {

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

  public static ApiException badGateway(String message) {
    return new ApiException(502, "AGENT_UNREACHABLE", message);
  }

  public static ApiException gatewayTimeout(String message) {
    return new ApiException(504, "AGENT_TIMEOUT", message);
  }
}
