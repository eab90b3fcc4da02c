package io.homelab.observer.agent.metrics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Real components of the test environment (scripts/test-env.sh), found or reported clearly. */
final class TestEnv {

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestEnv() {}

  /**
   * The binary named by {@code envVar} (exported by target/test-env/env.sh), else the Debian
   * package's binary on PATH; fails the test with what to run when neither exists.
   */
  static Path binary(String envVar, String debianName) {
    String v = System.getenv(envVar);
    if (v != null && !v.isBlank() && Files.isExecutable(Path.of(v))) {
      return Path.of(v);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, debianName);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(
        envVar
            + " is not set and "
            + debianName
            + " is not on PATH: run scripts/test-env.sh and"
            + " source target/test-env/env.sh before mvn");
  }

  static String dockerImage() {
    String v = System.getenv("HOMELAB_TEST_DOCKER_IMAGE");
    return v == null || v.isBlank() ? "homelab-test/busybox:latest" : v;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + url + " -> " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** Polls {@code url} until it answers 200, or fails with the process log. */
  static void awaitUp(String url, Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError(url + " process exited: " + Files.readString(log));
      }
      try {
        get(url);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError(url + " did not come up: " + Files.readString(log));
  }
}
