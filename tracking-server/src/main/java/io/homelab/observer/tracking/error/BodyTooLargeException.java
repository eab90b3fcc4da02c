package io.homelab.observer.tracking.error;

/**
 * A request body over the in-memory limit: answered 413 with {@code RESOURCE_EXHAUSTED} (the code
 * MLflow's error body uses for it), and the connection is closed, since the rest of the body is
 * never read.
 */
public class BodyTooLargeException extends MlflowException {

  public BodyTooLargeException(long max) {
    super(ErrorCode.RESOURCE_EXHAUSTED, message(max));
  }

  /** The message every body-size refusal uses, from a filter or from a resource. */
  public static String message(long max) {
    return "Request body larger than " + (max >> 20) + " MiB.";
  }
}
