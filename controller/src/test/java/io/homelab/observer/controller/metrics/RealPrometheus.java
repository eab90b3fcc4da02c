package io.homelab.observer.controller.metrics;

import io.homelab.observer.controller.fleet.AgentProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Debian package's Prometheus ({@code $HOMELAB_TEST_PROMETHEUS}) on a random loopback port,
 * scraping one target every second with the labels our scraper gives it.
 */
final class RealPrometheus implements AutoCloseable {

  private final Process process;
  private final int port;

  private RealPrometheus(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static RealPrometheus scraping(String hostPort, String environment) throws Exception {
    String binary = System.getenv().getOrDefault("HOMELAB_TEST_PROMETHEUS", "/usr/bin/prometheus");
    Path dir = Path.of("target/test-data/prometheus-" + System.nanoTime()).toAbsolutePath();
    Files.createDirectories(dir);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 900ms
        scrape_configs:
          - job_name: node
            static_configs:
              - targets: ['%s']
                labels:
                  environment: %s
        """
            .formatted(hostPort, environment));
    int port = AgentProcess.freePort();
    Process p =
        new ProcessBuilder(
                List.of(
                    binary,
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    RealPrometheus prom = new RealPrometheus(p, port);
    prom.waitReady();
    return prom;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  private void waitReady() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
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
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
