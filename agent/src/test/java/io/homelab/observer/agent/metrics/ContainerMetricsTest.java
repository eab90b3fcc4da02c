package io.homelab.observer.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.docker.DockerClientProducer;
import io.homelab.observer.agent.docker.EngineApi;
import io.homelab.observer.exporter.container.ContainerCollector;
import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Scraper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Container metrics from a real busybox container on the shared dockerd. */
@QuarkusTest
class ContainerMetricsTest {

  @Inject DockerClient docker;

  @TestHTTPResource(value = "/health/live", management = true)
  URL live;

  private String containerId;

  @AfterEach
  void removeOwnContainer() {
    if (containerId != null) {
      docker.removeContainerCmd(containerId).withForce(true).exec();
    }
  }

  private Exposition scrape() throws Exception {
    return Exposition.parse(TestEnv.get("http://127.0.0.1:" + live.getPort() + "/metrics"));
  }

  @Test
  void runningAndStoppedBusyboxAppearWithCadvisorNames() throws Exception {
    String name = "hmetrics-" + UUID.randomUUID().toString().substring(0, 8);
    containerId =
        docker
            .createContainerCmd(TestEnv.dockerImage())
            .withName(name)
            .withLabels(Map.of("homelab.test", "metrics"))
            // Burn a little CPU and allocate some memory, then idle.
            .withCmd(
                "sh",
                "-c",
                "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; x=$(seq 1 20000); sleep 300")
            .exec()
            .getId();
    Instant before = Instant.now().minusSeconds(2);
    docker.startContainerCmd(containerId).exec();

    Exposition running = awaitCpu(name);
    String id =
        running.family("container_cpu_usage_seconds_total").series().stream()
            .filter(s -> name.equals(s.labels().get("name")))
            .findFirst()
            .orElseThrow()
            .labels()
            .get("id");
    assertThat(id).contains(containerId); // cAdvisor's id label: the container's cgroup path
    assertThat(
            running.family("container_cpu_usage_seconds_total").value("name", name, "cpu", "total"))
        .isPositive();
    assertThat(running.family("container_memory_usage_bytes").value("name", name)).isPositive();
    assertThat(running.family("container_memory_working_set_bytes").value("name", name))
        .isPositive();
    assertThat(
            running
                .family("container_network_receive_bytes_total")
                .value("name", name, "interface", "eth0"))
        .isGreaterThanOrEqualTo(0);
    assertThat(running.family("container_start_time_seconds").value("name", name))
        .isBetween((double) before.getEpochSecond(), (double) Instant.now().getEpochSecond() + 1);
    assertThat(running.family("container_last_seen").value("name", name)).isPositive();
    assertThat(running.family("container_state").value("name", name, "state", "running"))
        .isEqualTo(1);
    assertThat(running.family("container_state").value("name", name, "state", "exited"))
        .isEqualTo(0);
    assertThat(running.family("container_restart_count").value("name", name)).isEqualTo(0);
    assertThat(
            running.family("container_cpu_usage_seconds_total").series().get(0).labels().keySet())
        .containsExactly("cpu", "id", "image", "name");
    assertThat(
            running
                .family("container_state")
                .value("name", name, "image", TestEnv.dockerImage(), "state", "running"))
        .isEqualTo(1);

    docker.killContainerCmd(containerId).exec();
    Exposition stopped = awaitState(name, "exited");
    assertThat(stopped.family("container_state").value("name", name, "state", "exited"))
        .isEqualTo(1);
    assertThat(stopped.family("container_state").value("name", name, "id", id, "state", "exited"))
        .as("same id label after stop")
        .isEqualTo(1);
    // No cgroup once stopped: no usage series (the family is absent when nothing else runs).
    var cpuAfter = stopped.family("container_cpu_usage_seconds_total");
    assertThat(cpuAfter == null ? Double.NaN : cpuAfter.value("name", name)).isNaN();
  }

  private Exposition awaitCpu(String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Exposition e = scrape();
    while (System.nanoTime() < deadline) {
      var f = e.family("container_cpu_usage_seconds_total");
      if (f != null && f.value("name", name) > 0) {
        return e;
      }
      Thread.sleep(200);
      e = scrape();
    }
    throw new AssertionError("no CPU usage for " + name + " in " + e.family("container_state"));
  }

  private Exposition awaitState(String name, String state) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    Exposition e = scrape();
    while (e.family("container_state").value("name", name, "state", state) != 1
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
      e = scrape();
    }
    return e;
  }

  @Test
  void unreachableDockerFailsOnlyTheContainerCollector() {
    AgentConfig.Docker timeouts =
        new DockerTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));
    // The real Engine client (docker-java's transport) on a socket path where no daemon listens.
    EngineApi nowhere =
        new EngineApi(
            DockerClientProducer.httpClient("unix:///nonexistent/hmetrics-docker.sock", timeouts),
            new ObjectMapper());
    ContainerEvents noEvents =
        new ContainerEvents(
            () ->
                DockerClientProducer.streamingHttpClient(
                    "unix:///nonexistent/hmetrics-docker.sock", timeouts),
            new ObjectMapper());
    List<MetricFamily> out;
    try (DockerContainerInventory inventory =
        new DockerContainerInventory(nowhere, noEvents, Duration.ofSeconds(3))) {
      Scraper scraper =
          new Scraper(
              List.of(
                  new io.homelab.observer.exporter.node.LoadavgCollector(HostPaths.DEFAULT),
                  new ContainerCollector(HostPaths.DEFAULT, inventory)));
      out = scraper.scrape();
    }
    assertThat(out)
        .extracting(MetricFamily::name)
        .contains("node_load1")
        .noneMatch(n -> n.startsWith("container_"));
    MetricFamily success =
        out.stream()
            .filter(f -> f.name().equals("node_scrape_collector_success"))
            .findFirst()
            .orElseThrow();
    assertThat(success.samples())
        .extracting(s -> s.label("collector") + "=" + (int) s.value())
        .containsExactly("container=0", "loadavg=1");
  }
}
