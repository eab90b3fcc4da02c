package io.homelab.observer.agent.docker;

import com.github.dockerjava.api.exception.DockerException;
import io.homelab.observer.agent.error.FailureTranslator;
import io.homelab.observer.common.error.ApiException;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Docker failures that escape a service without {@link DockerCalls} (a stream, a lazily built
 * client) still get the SPEC's 404/409/502/504 instead of a 500.
 */
@Singleton
public class DockerFailureTranslator implements FailureTranslator {

  @Override
  public Optional<ApiException> translate(Throwable e) {
    if (e instanceof DockerException
        || DockerErrors.isTimeout(e)
        || DockerErrors.isUnreachable(e)) {
      return Optional.of(DockerCalls.translate("object", e));
    }
    return Optional.empty();
  }
}
