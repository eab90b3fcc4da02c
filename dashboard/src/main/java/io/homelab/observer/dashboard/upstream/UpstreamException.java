package io.homelab.observer.dashboard.upstream;

/**
 * A call to the controller or tracking server failed: refused, timed out or answered an error. The
 * message is meant for the page (it names the upstream and its error, never a credential).
 */
public class UpstreamException extends Exception {

  private final int status;

  public UpstreamException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The upstream's HTTP status, or 0 when it did not answer. */
  public int status() {
    return status;
  }

  /** True when the upstream refused the caller's credentials (the session must end). */
  public boolean unauthenticated() {
    return status == 401;
  }
}
