package io.homelab.observer.controller.remotewrite;

import io.homelab.observer.controller.fleet.AgentProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus ({@code $HOMELAB_TEST_PROMETHEUS}) started before the controller, with the
 * remote-write receiver and {@code /-/reload} on, so the controller can be configured to write to
 * it. Its directory is {@code target/test-data/prometheus-rw-<port>}: the test rewrites its config
 * there (adding our HTTP SD once the controller's port is known).
 */
public class PrometheusReceiver implements QuarkusTestResourceLifecycleManager {

  private Process process;

  static Path dir(int port) {
    return Path.of("target/test-data/prometheus-rw-" + port).toAbsolutePath();
  }

  @Override
  public Map<String, String> start() {
    String binary = System.getenv().getOrDefault("HOMELAB_TEST_PROMETHEUS", "/usr/bin/prometheus");
    int port = AgentProcess.freePort();
    Path dir = dir(port);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n");
      process =
          new ProcessBuilder(
                  List.of(
                      binary,
                      "--config.file=" + dir.resolve("prometheus.yml"),
                      "--storage.tsdb.path=" + dir.resolve("data"),
                      "--web.enable-remote-write-receiver",
                      "--web.enable-lifecycle",
                      "--web.listen-address=127.0.0.1:" + port))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      waitReady("http://127.0.0.1:" + port);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start prometheus: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return Map.of(
        "homelab.controller.remote-write.url",
        "http://127.0.0.1:" + port + "/api/v1/write",
        "homelab.controller.remote-write.flush-interval",
        "300ms",
        "homelab.controller.remote-write.max-backoff",
        "1s");
  }

  private void waitReady(String url) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited at start");
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("prometheus not ready within 60 s");
  }

  @Override
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
