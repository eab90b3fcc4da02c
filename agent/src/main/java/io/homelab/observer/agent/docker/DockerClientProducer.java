package io.homelab.observer.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.homelab.observer.agent.config.AgentConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The one {@link DockerClient} of the agent, on {@code homelab.agent.docker-host}.
 *
 * <p>Creating it never touches the socket, so the agent starts (and serves metrics) while Docker is
 * down; each call then fails on its own and is mapped to 502/504.
 */
@ApplicationScoped
public class DockerClientProducer {

  /** Connections kept to dockerd; log follows and consoles hold one each while open. */
  static final int MAX_CONNECTIONS = 64;

  @Produces
  @Singleton
  DockerClient dockerClient(AgentConfig config) {
    return create(config.dockerHost(), config.docker());
  }

  /** A client on {@code dockerHost} with the given timeouts; also used by tests for a second endpoint. */
  public static DockerClient create(String dockerHost, AgentConfig.Docker timeouts) {
    // No API version: docker-java then omits the /vX.YY prefix and the daemon speaks its own version,
    // which works from Docker 20.10 (API 1.41) on.
    DefaultDockerClientConfig clientConfig =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(dockerHost)
            .withDockerTlsVerify(false)
            .build();
    DockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(clientConfig.getDockerHost())
            .maxConnections(MAX_CONNECTIONS)
            .connectionTimeout(timeouts.connectTimeout())
            .responseTimeout(timeouts.responseTimeout())
            .build();
    Log.infof("Docker endpoint %s", dockerHost);
    return DockerClientImpl.getInstance(clientConfig, http);
  }

  void close(@Disposes DockerClient client) {
    try {
      client.close();
    } catch (IOException e) {
      Log.debugf("closing the Docker client: %s", e.getMessage());
    }
  }
}
