package io.homelab.observer.dashboard.browser;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as its own process
 * on a random loopback port with its own data dir, as {@code ./homelab up} runs it.
 */
final class ServiceProcess implements AutoCloseable {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path WORK = Path.of("target/browser-test").toAbsolutePath();

  final String module;
  final int port;
  final Path log;
  private final Process process;

  private ServiceProcess(String module, int port, Path log, Process process) {
    this.module = module;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  static Path jar(String module) {
    return ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
  }

  /** Starts the service and waits until {@code readyPath} answers 200. */
  static ServiceProcess start(
      String module, String envPrefix, Map<String, String> env, String readyPath)
      throws IOException {
    int port = freePort();
    Path dir = WORK.resolve(module);
    Files.createDirectories(dir);
    Path log = WORK.resolve(module + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    jar(module).toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
    pb.environment().put("HOMELAB_" + envPrefix + "_DATA_DIR", dir.toString());
    pb.environment().putAll(env);
    ServiceProcess s = new ServiceProcess(module, port, log, pb.start());
    s.waitFor(readyPath);
    return s;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  private void waitFor(String path) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(module + " exited during start-up; see " + log);
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + path))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    throw new IllegalStateException(module + " not ready within 120 s; see " + log);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(
          Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
