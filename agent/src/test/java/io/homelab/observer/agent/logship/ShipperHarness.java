package io.homelab.observer.agent.logship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.homelab.observer.agent.TestController;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.container.ContainerTestSupport;
import io.homelab.observer.agent.docker.DockerClientProducer;
import io.homelab.observer.agent.docker.EngineApi;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Builds {@link LogShipper}s on the real dockerd the way {@link LogShipService} does, scoped to
 * this test's containers (label {@code homelab.test.logship=<run>}) so other suites' containers on
 * the shared daemon are neither followed nor touched, and creates and removes those containers.
 */
final class ShipperHarness implements AutoCloseable {

  static final String DOCKER = "unix:///var/run/docker.sock";
  static final String TEST_LABEL = "homelab.test.logship";
  static final String TOKEN = "test-ingest-token";

  record Timeouts(Duration connectTimeout, Duration responseTimeout, Duration pullTimeout)
      implements AgentConfig.Docker {}

  static final Timeouts TIMEOUTS =
      new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofMinutes(1));

  final String run = UUID.randomUUID().toString().substring(0, 8);
  final DockerClient docker = ContainerTestSupport.directDocker();
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> containers = new ArrayList<>();

  static String image() {
    String v = System.getenv("HOMELAB_TEST_DOCKER_IMAGE");
    return v == null || v.isBlank() ? "homelab-test/busybox:latest" : v;
  }

  LogShipper.Settings settings(URI baseUrl, Path dir, boolean optIn) {
    return new LogShipper.Settings(
        baseUrl,
        TOKEN,
        "test-host",
        "0123456789abcdef0123456789abcdef",
        optIn,
        200,
        1 << 20,
        Duration.ofMillis(300),
        64L << 20,
        Duration.ofSeconds(3),
        Duration.ofSeconds(2),
        dir,
        List.of(TEST_LABEL + "=" + run));
  }

  LogShipper start(LogShipper.Settings settings) throws IOException {
    EngineApi engine = new EngineApi(DockerClientProducer.httpClient(DOCKER, TIMEOUTS), json);
    LogShipper s =
        new LogShipper(
            settings,
            engine::readOrNull,
            DockerClientProducer.streamingHttpClient(DOCKER, TIMEOUTS, 32),
            json);
    s.start();
    return s;
  }

  /** Creates and starts a busybox container of this run running {@code script} under sh. */
  String run(String name, Map<String, String> labels, String script) {
    Map<String, String> all = new HashMap<>(labels);
    all.put(TEST_LABEL, run);
    all.put(TestController.RUN_LABEL, TestController.RUN);
    all.put("homelab.test", "LogShippingTest");
    String id =
        docker
            .createContainerCmd(image())
            .withName(name + "-" + run)
            .withLabels(all)
            .withCmd("sh", "-c", script)
            .exec()
            .getId();
    containers.add(id);
    docker.startContainerCmd(id).exec();
    return id;
  }

  boolean exited(String id) {
    return !Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
  }

  @Override
  public void close() throws IOException {
    for (String id : containers) {
      try {
        docker.removeContainerCmd(id).withForce(true).exec();
      } catch (NotFoundException gone) {
        // The test removed it itself.
      }
    }
    docker.close();
  }

  /** Entries of one container, by {@code labels.container_id}. */
  static List<JsonNode> of(List<JsonNode> entries, String containerId) {
    return entries.stream()
        .filter(e -> containerId.equals(e.path("labels").path("container_id").asText()))
        .toList();
  }

  /** Polls {@code condition} for up to {@code seconds}; fails with {@code what} otherwise. */
  static void await(int seconds, String what, BooleanSupplier condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(seconds);
    while (Instant.now().isBefore(deadline)) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("within " + seconds + " s: " + what);
  }
}
