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

  static String freshDataDir(String name) {
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
}
