package io.homelab.observer.agent;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Test profiles; classes with the same profile share one running agent. */
public final class AgentProfiles {

  private AgentProfiles() {}

  public static String freshDataDir(String name) {
    try {
      Path base = Path.of("target", "test-data");
      Files.createDirectories(base);
      return Files.createTempDirectory(base.toAbsolutePath(), name + "-").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The usual agent: plain HTTP, paired with {@link TestController} through the config key. */
  public static class Paired implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "homelab.agent.data-dir", freshDataDir("agent"),
          "homelab.agent.controller-public-key", TestController.publicKey());
    }
  }

  /** HTTPS with a generated certificate, and no controller key: the pairing flow of a fresh VM. */
  public static class TlsUnpaired implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "homelab.agent.data-dir", freshDataDir("agent-tls"), "homelab.agent.tls.enabled", "true");
    }
  }

  /**
   * Docker reached through a loopback socket proxy the test can close and make hang, so "Docker
   * went away" is tested without touching the shared dockerd. Paired through the config key.
   */
  public static class ProxiedDocker implements QuarkusTestProfile {
    /** System property carrying the proxy socket path from the profile to the test. */
    public static final String SOCKET_PROPERTY = "agentapi.test.docker-proxy";

    @Override
    public Map<String, String> getConfigOverrides() {
      String socket = System.getProperty(SOCKET_PROPERTY);
      if (socket == null) {
        socket = "/tmp/agentapi-docker-" + ProcessHandle.current().pid() + ".sock";
        System.setProperty(SOCKET_PROPERTY, socket);
      }
      return Map.of(
          "homelab.agent.data-dir",
          freshDataDir("agent-proxied"),
          "homelab.agent.controller-public-key",
          TestController.publicKey(),
          "homelab.agent.docker-host",
          "unix://" + socket,
          "homelab.agent.docker.response-timeout",
          "3s");
    }
  }
}
