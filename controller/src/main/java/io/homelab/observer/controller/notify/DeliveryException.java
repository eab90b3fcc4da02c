package io.homelab.observer.controller.notify;

/** A failed delivery attempt; the message is safe to log (no URL path, no secret). */
public class DeliveryException extends Exception {

  /** False when retrying cannot help (e.g. the receiver answered 4xx). */
  private final boolean retryable;

  public DeliveryException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
