package io.homelab.observer.exporter.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The collector on recorded cgroup v1 and v2 trees; the agent's test runs it against a real busybox
 * container through Docker.
 */
class ContainerCollectorTest {

  static final String ID = "6cc8c64028b151942bc18388d50e227c42c0b2cd71565c2878f8d9a124d67755";
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_800_000_000), ZoneOffset.UTC);

  static final List<ContainerInfo> CONTAINERS =
      List.of(
          new ContainerInfo(
              ID,
              "/web",
              "nginx:1.27",
              "running",
              2,
              "healthy",
              Instant.ofEpochSecond(1_799_999_000),
              4242),
          new ContainerInfo(
              "f00d",
              "/old-job",
              "busybox:latest",
              "exited",
              0,
              "",
              Instant.ofEpochSecond(1_700_000_000),
              0));

  private static Map<String, MetricFamily> collect(String tree) throws IOException {
    ContainerCollector c =
        new ContainerCollector(
            HostPaths.of(Path.of("src/test/resources/" + tree)), () -> CONTAINERS, CLOCK);
    return c.collect().stream().collect(Collectors.toMap(MetricFamily::name, f -> f));
  }

  private static Sample only(MetricFamily f, String name) {
    return f.samples().stream().filter(s -> name.equals(s.label("name"))).findFirst().orElseThrow();
  }

  @Test
  void cgroupV1UsesCadvisorNamesAndLabels() throws IOException {
    Map<String, MetricFamily> m = collect("cgroup-v1");
    Sample cpu = only(m.get("container_cpu_usage_seconds_total"), "web");
    assertThat(cpu.labels())
        .containsExactly(
            "cpu", "total", "id", "/docker/" + ID, "image", "nginx:1.27", "name", "web");
    assertThat(cpu.value()).isEqualTo(2.5);
    assertThat(only(m.get("container_cpu_user_seconds_total"), "web").value()).isEqualTo(1.5);
    assertThat(only(m.get("container_cpu_system_seconds_total"), "web").value()).isEqualTo(0.8);
    assertThat(only(m.get("container_memory_usage_bytes"), "web").value()).isEqualTo(52428800);
    // working set = usage - total_inactive_file, as cAdvisor
    assertThat(only(m.get("container_memory_working_set_bytes"), "web").value())
        .isEqualTo(44040192);
    assertThat(only(m.get("container_memory_rss"), "web").value()).isEqualTo(10485760);
    assertThat(only(m.get("container_network_receive_bytes_total"), "web").labels())
        .contains("interface", "eth0");
    assertThat(m.get("container_network_receive_bytes_total").samples()).hasSize(1); // lo ignored
    assertThat(only(m.get("container_fs_reads_bytes_total"), "web").labels())
        .contains("device", "/dev/vda");
    assertThat(only(m.get("container_fs_reads_bytes_total"), "web").value()).isEqualTo(4096000);
    assertThat(m.get("container_blkio_device_usage_total").samples())
        .extracting(s -> s.label("operation") + "=" + (long) s.value())
        .containsExactlyInAnyOrder("Read=4096000", "Write=8192");
  }

  @Test
  void cgroupV2GivesTheSameFigures() throws IOException {
    Map<String, MetricFamily> m = collect("cgroup-v2");
    Sample cpu = only(m.get("container_cpu_usage_seconds_total"), "web");
    assertThat(cpu.label("id")).isEqualTo("/system.slice/docker-" + ID + ".scope");
    assertThat(cpu.value()).isEqualTo(2.5);
    assertThat(only(m.get("container_memory_working_set_bytes"), "web").value())
        .isEqualTo(44040192);
    assertThat(only(m.get("container_memory_cache"), "web").value()).isEqualTo(20971520);
    assertThat(only(m.get("container_fs_writes_bytes_total"), "web").value()).isEqualTo(8192);
  }

  @Test
  void stoppedContainersHaveStateButNoUsage() throws IOException {
    Map<String, MetricFamily> m = collect("cgroup-v1");
    assertThat(m.get("container_state").samples())
        .filteredOn(s -> s.value() == 1)
        .extracting(s -> s.label("name") + ":" + s.label("state"))
        .containsExactlyInAnyOrder("web:running", "old-job:exited");
    assertThat(m.get("container_state").samples()).hasSize(2 * ContainerCollector.STATES.length);
    assertThat(only(m.get("container_restart_count"), "web").value()).isEqualTo(2);
    assertThat(only(m.get("container_last_seen"), "old-job").value()).isEqualTo(1.8e9);
    assertThat(only(m.get("container_start_time_seconds"), "old-job").value()).isEqualTo(1.7e9);
    assertThat(m.get("container_health_status").samples())
        .filteredOn(s -> s.value() == 1)
        .extracting(s -> s.label("name") + ":" + s.label("health"))
        .containsExactly("web:healthy");
    assertThat(m.get("container_cpu_usage_seconds_total").samples())
        .extracting(s -> s.label("name"))
        .containsExactly("web");
  }

  @Test
  void readsTheWantedNameValueLinesOnly() {
    assertThat(
            Cgroups.keyValues(
                "cache 8192\nrss\t4096\n  total_rss 12  \nthree fields here\nalone\nname x\n\n"
                    + "total_cache 7\nusage_usec 1.5e3",
                "cache",
                "rss",
                "total_rss",
                "three",
                "alone",
                "name",
                "usage_usec",
                "absent"))
        .containsOnly(
            Map.entry("cache", 8192.0),
            Map.entry("rss", 4096.0),
            Map.entry("total_rss", 12.0),
            Map.entry("usage_usec", 1500.0));
  }

  @Test
  void parsesProcCgroupOfBothVersions() {
    assertThat(Cgroups.parseProcCgroup("11:cpu,cpuacct:/docker/x\n0::/docker/x\n"))
        .containsEntry("cpu", "/docker/x")
        .containsEntry("cpuacct", "/docker/x")
        .containsEntry("", "/docker/x");
  }
}
