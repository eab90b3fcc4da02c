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
import java.net.URI;

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
  DockerHttpClient dockerHttpClient(AgentConfig config) {
    DockerCalls.deadline(config.docker().responseTimeout());
    return httpClient(config.dockerHost(), config.docker());
  }

  @Produces
  @Singleton
  DockerClient dockerClient(AgentConfig config, DockerHttpClient http) {
    Log.infof("Docker endpoint %s", config.dockerHost());
    return DockerClientImpl.getInstance(clientConfig(config.dockerHost()), http);
  }

  @Produces
  @Singleton
  @Streaming
  DockerClient streamingDockerClient(AgentConfig config) {
    DockerHttpClient http = streamingHttpClient(config.dockerHost(), config.docker());
    return DockerClientImpl.getInstance(clientConfig(config.dockerHost()), http);
  }

  private static DefaultDockerClientConfig clientConfig(String dockerHost) {
    // No API version: docker-java then omits the /vX.YY prefix and the daemon speaks its own
    // version,
    // which works from Docker 20.10 (API 1.41) on.
    DefaultDockerClientConfig clientConfig =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(dockerHost)
            .withDockerTlsVerify(false)
            .build();
    return clientConfig;
  }

  /**
   * The raw HTTP client for the Engine calls made without docker-java's commands ({@code
   * /system/df}, the metrics container inventory). The response time-out bounds every call, so a
   * hung dockerd becomes a 504, never a stuck thread. Public for tests that need a second endpoint.
   */
  public static DockerHttpClient httpClient(String dockerHost, AgentConfig.Docker timeouts) {
    return builder(dockerHost, timeouts).responseTimeout(timeouts.responseTimeout()).build();
  }

  /**
   * A raw HTTP client without read time-out, for responses that may stay silent for as long as
   * nothing happens (log follows, consoles, the metrics' Docker event stream); each caller bounds
   * or closes its own calls. Only the connection time-out applies.
   */
  public static DockerHttpClient streamingHttpClient(
      String dockerHost, AgentConfig.Docker timeouts) {
    return builder(dockerHost, timeouts).build();
  }

  /**
   * As {@link #streamingHttpClient(String, AgentConfig.Docker)} with room for {@code connections}
   * open streams at once (log shipping holds one per followed container).
   */
  public static DockerHttpClient streamingHttpClient(
      String dockerHost, AgentConfig.Docker timeouts, int connections) {
    return builder(dockerHost, timeouts).maxConnections(connections).build();
  }

  private static ApacheDockerHttpClient.Builder builder(
      String dockerHost, AgentConfig.Docker timeouts) {
    URI host = clientConfig(dockerHost).getDockerHost();
    return new ApacheDockerHttpClient.Builder()
        .dockerHost(host)
        .sslConfig(UnixSocketTls.forHost(host))
        .maxConnections(MAX_CONNECTIONS)
        .connectionTimeout(timeouts.connectTimeout());
  }

  void close(@Disposes DockerClient client) {
    closeQuietly(client);
  }

  void closeStreaming(@Disposes @Streaming DockerClient client) {
    closeQuietly(client);
  }

  private static void closeQuietly(DockerClient client) {
    try {
      client.close();
    } catch (IOException e) {
      Log.debugf("closing a Docker client: %s", e.getMessage());
    }
  }
}
