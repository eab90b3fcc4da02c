package io.homelab.observer.agent.error;

import io.homelab.observer.common.error.ApiException;
import java.util.Optional;

/**
 * Turns a failure of a backend the agent calls into the {@link ApiException} the SPEC gives it.
 * Implemented where the backend lives (Docker: {@code docker/}), so that {@code error/} knows
 * nothing of Docker and the dependency points one way.
 */
public interface FailureTranslator {

  /** The API failure for {@code e}, or empty when {@code e} is not this backend's failure. */
  Optional<ApiException> translate(Throwable e);
}
