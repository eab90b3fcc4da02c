package io.homelab.observer.common.client;

/**
 * An agent call that did not succeed: either the agent's own {@code {"error","message"}} answer
 * with its HTTP status, or (status 0) no answer at all.
 */
public final class AgentException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The agent did not answer (refused, reset, DNS, ...). */
  public static final String UNREACHABLE = "AGENT_UNREACHABLE";

  /** The agent did not answer within the client's request time-out. */
  public static final String TIMEOUT = "AGENT_TIMEOUT";

  /** The agent's TLS certificate is not the pinned one. */
  public static final String TLS_MISMATCH = "AGENT_TLS_MISMATCH";

  /** The agent answered something that is not the documented shape. */
  public static final String BAD_RESPONSE = "AGENT_BAD_RESPONSE";

  private final int status;
  private final String error;

  public AgentException(int status, String error, String message) {
    super(message);
    this.status = status;
    this.error = error;
  }

  public AgentException(int status, String error, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.error = error;
  }

  /** HTTP status of the agent's answer; 0 when it did not answer. */
  public int status() {
    return status;
  }

  /**
   * UPPER_SNAKE error code: the agent's ({@code NOT_FOUND}, {@code DOCKER_UNAVAILABLE}, ...) or
   * ours.
   */
  public String error() {
    return error;
  }

  /** True when the agent itself could not be reached or answered too late. */
  public boolean agentUnavailable() {
    return status == 0;
  }
}
