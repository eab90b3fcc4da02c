package io.homelab.observer.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) as a child process on
 * a random loopback port with a heap of the given size, its output in a log file of its own.
 */
final class PackagedService implements AutoCloseable {

  static final Path ROOT =
      Path.of(System.getProperty("homelab.repo.root", "..")).toAbsolutePath().normalize();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final Process process;
  final Path log;
  final Path dataDir;
  final int port;
  private final String healthPath;

  private PackagedService(Process process, Path log, Path dataDir, int port, String healthPath) {
    this.process = process;
    this.log = log;
    this.dataDir = dataDir;
    this.port = port;
    this.healthPath = healthPath;
  }

  /**
   * Starts {@code module}'s jar with {@code -Xmx<heapMb>m} and exit on OutOfMemoryError (so an OOM
   * cannot hide behind a half-working process), the given environment and a fresh data dir in
   * {@code env} under {@code dataDirVariable}; returns once {@code healthPath} answers 200.
   */
  static PackagedService start(
      String module, int heapMb, String dataDirVariable, Map<String, String> env, String healthPath)
      throws Exception {
    Path jar = ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("the packaged %s (mvn package)", module).exists();
    Path dataDir =
        Files.createDirectories(
            Path.of("target", "it-data", module + "-small-heap-" + System.nanoTime())
                .toAbsolutePath());
    Path log = dataDir.resolve("service.log");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heapMb + "m");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put(dataDirVariable, dataDir.resolve("data").toString());
    pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
    PackagedService service = new PackagedService(pb.start(), log, dataDir, port, healthPath);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!service.healthy()) {
      assertThat(service.process.isAlive())
          .as("%s exited early:%n%s", module, service.logText())
          .isTrue();
      assertThat(System.nanoTime())
          .as("%s did not start:%n%s", module, service.logText())
          .isLessThan(deadline);
      Thread.sleep(250);
    }
    return service;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  boolean healthy() {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(base() + healthPath))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
