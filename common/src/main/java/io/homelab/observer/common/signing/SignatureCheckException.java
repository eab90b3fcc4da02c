package io.homelab.observer.common.signing;

/**
 * A request's signature was missing, malformed, stale, replayed or wrong; the message says which.
 */
public final class SignatureCheckException extends Exception {

  private static final long serialVersionUID = 1L;

  public SignatureCheckException(String message) {
    super(message);
  }
}
