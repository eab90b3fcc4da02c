package io.homelab.observer.agent.error;

import io.homelab.observer.common.error.ApiException;

/** The agent's own error codes: refusals of what its policy forbids, and Docker's failures. */
public final class AgentErrors {

  private AgentErrors() {}

  /**
   * A deploy or other request that asks for more than the agent allows (still a 400 per the issue).
   */
  public static ApiException refused(String message) {
    return new ApiException(400, "REFUSED", message);
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
