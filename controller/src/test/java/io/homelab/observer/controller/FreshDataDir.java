package io.homelab.observer.controller;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Empties {@code target/test-data/controller} before the shared test application starts, so every
 * run begins like a first start (no users, no environments left from an earlier run pointing at
 * agents that are gone).
 */
public class FreshDataDir implements QuarkusTestResourceLifecycleManager {

  public static final Path DIR = Path.of("target/test-data/controller");

  @Override
  public Map<String, String> start() {
    try {
      if (Files.exists(DIR)) {
        try (Stream<Path> walk = Files.walk(DIR)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot clear " + DIR + ": " + e.getMessage(), e);
    }
    return Map.of();
  }

  @Override
  public void stop() {}
}
