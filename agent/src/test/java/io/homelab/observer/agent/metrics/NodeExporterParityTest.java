package io.homelab.observer.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.exporter.node.NodeOptions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent beside the real node_exporter (Debian package) on the same host: a real Prometheus
 * scrapes both, the queries of Grafana dashboard 1860's main panels answer from the agent, and the
 * two expositions agree on names, HELP, TYPE, labels and values.
 *
 * <p>node_exporter runs with the two defaults Debian patches set back to upstream's (see {@link
 * NodeOptions}), so both sides use the same mount and device filters.
 */
@QuarkusTest
class NodeExporterParityTest {

  static final ObjectMapper JSON = new ObjectMapper();

  // Families the 1860 overview needs; both sides must have them on any Linux host.
  static final List<String> REQUIRED =
      List.of(
          "node_cpu_seconds_total",
          "node_load1",
          "node_load5",
          "node_load15",
          "node_memory_MemTotal_bytes",
          "node_memory_MemAvailable_bytes",
          "node_memory_MemFree_bytes",
          "node_memory_Cached_bytes",
          "node_memory_Buffers_bytes",
          "node_memory_SReclaimable_bytes",
          "node_memory_SwapTotal_bytes",
          "node_memory_SwapFree_bytes",
          "node_filesystem_size_bytes",
          "node_filesystem_avail_bytes",
          "node_filesystem_free_bytes",
          "node_filesystem_files",
          "node_filesystem_files_free",
          "node_filesystem_readonly",
          "node_network_receive_bytes_total",
          "node_network_transmit_bytes_total",
          "node_network_up",
          "node_network_speed_bytes",
          "node_disk_reads_completed_total",
          "node_disk_writes_completed_total",
          "node_disk_read_bytes_total",
          "node_disk_written_bytes_total",
          "node_disk_io_time_seconds_total",
          "node_boot_time_seconds",
          "node_time_seconds",
          "node_uname_info",
          "node_os_info",
          "node_filefd_allocated",
          "node_vmstat_pgfault",
          "node_netstat_Tcp_CurrEstab",
          "node_context_switches_total",
          "node_intr_total",
          "node_entropy_available_bits",
          "node_scrape_collector_success");

  static Process nodeExporter;
  static Process prometheus;
  static int nodePort;
  static int promPort;
  static Path work;

  @TestHTTPResource(value = "/health/live", management = true)
  URL live;

  @BeforeAll
  static void startNodeExporter() throws Exception {
    work = Files.createTempDirectory("hmetrics-parity");
    nodePort = TestEnv.freePort();
    Path log = work.resolve("node_exporter.log");
    nodeExporter =
        new ProcessBuilder(
                TestEnv.binary("HOMELAB_TEST_NODE_EXPORTER", "prometheus-node-exporter").toString(),
                "--web.listen-address=127.0.0.1:" + nodePort,
                "--collector.filesystem.mount-points-exclude=" + NodeOptions.MOUNT_POINTS_EXCLUDE,
                "--collector.netdev.device-exclude=" + NodeOptions.NETDEV_DEVICE_EXCLUDE,
                // systemd has no D-Bus here and would log an error per scrape.
                "--no-collector.systemd")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    TestEnv.awaitUp("http://127.0.0.1:" + nodePort + "/metrics", nodeExporter, log);
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : new Process[] {prometheus, nodeExporter}) {
      if (p != null) {
        p.destroy();
        p.waitFor();
      }
    }
  }

  private String agentUrl() {
    return "http://127.0.0.1:" + live.getPort() + "/metrics";
  }

  private synchronized void ensurePrometheus() throws Exception {
    if (prometheus != null) {
      return;
    }
    promPort = TestEnv.freePort();
    Path config = work.resolve("prometheus.yml");
    Files.writeString(
        config,
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
            + "scrape_configs:\n"
            + "  - job_name: agent\n    static_configs:\n      - targets: ['127.0.0.1:"
            + live.getPort()
            + "']\n"
            + "  - job_name: node\n    static_configs:\n      - targets: ['127.0.0.1:"
            + nodePort
            + "']\n");
    Path log = work.resolve("prometheus.log");
    prometheus =
        new ProcessBuilder(
                TestEnv.binary("HOMELAB_TEST_PROMETHEUS", "prometheus").toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + promPort)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    TestEnv.awaitUp("http://127.0.0.1:" + promPort + "/-/ready", prometheus, log);
  }

  private JsonNode query(String promql) throws Exception {
    String body =
        TestEnv.get(
            "http://127.0.0.1:"
                + promPort
                + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    JsonNode json = JSON.readTree(body);
    assertThat(json.path("status").asText()).as(promql).isEqualTo("success");
    return json.path("data").path("result");
  }

  /** Polls until the query returns at least one series (rate() needs two scrapes). */
  private JsonNode awaitSeries(String promql) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode r = query(promql);
    while (r.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(250);
      r = query(promql);
    }
    return r;
  }

  @Test
  void prometheusScrapesTheAgentBesideNodeExporter() throws Exception {
    ensurePrometheus();
    JsonNode up = awaitSeries("up{job=\"agent\"} == 1 and on() up{job=\"node\"} == 1");
    assertThat(up).as("both targets up").hasSize(1);
    JsonNode targets =
        JSON.readTree(TestEnv.get("http://127.0.0.1:" + promPort + "/api/v1/targets"))
            .path("data")
            .path("activeTargets");
    for (JsonNode t : targets) {
      assertThat(t.path("health").asText()).as(t.path("labels").toString()).isEqualTo("up");
      assertThat(t.path("lastError").asText()).isEmpty();
    }
    // 1860's $job variable: label_values(node_uname_info, job)
    assertThat(awaitSeries("count by (job) (node_uname_info)")).hasSize(2);
  }

  @Test
  void dashboard1860MainPanelsAnswerFromTheAgent() throws Exception {
    ensurePrometheus();
    // Main panels of "Node Exporter Full" (reference section 4), $__rate_interval = 5s here.
    Map<String, String> panels = new TreeMap<>();
    panels.put(
        "CPU Busy",
        "100 * (1 - avg(rate(node_cpu_seconds_total{mode=\"idle\",job=\"$job\"}[5s])))");
    panels.put(
        "Sys Load",
        "scalar(node_load1{job=\"$job\"}) * 100 / count(count(node_cpu_seconds_total{job=\"$job\"}) by (cpu))");
    panels.put(
        "RAM Used",
        "clamp_min((1 - (node_memory_MemAvailable_bytes{job=\"$job\"} / node_memory_MemTotal_bytes{job=\"$job\"})) * 100, 0)");
    panels.put(
        "SWAP Used",
        "((node_memory_SwapTotal_bytes{job=\"$job\"} - node_memory_SwapFree_bytes{job=\"$job\"}) / (node_memory_SwapTotal_bytes{job=\"$job\"})) * 100");
    panels.put(
        "Root FS Used",
        "100 - ((node_filesystem_avail_bytes{job=\"$job\",mountpoint=\"/\",fstype!=\"rootfs\"} * 100) / node_filesystem_size_bytes{job=\"$job\",mountpoint=\"/\",fstype!=\"rootfs\"})");
    panels.put("CPU Cores", "count(count(node_cpu_seconds_total{job=\"$job\"}) by (cpu))");
    panels.put("RAM Total", "node_memory_MemTotal_bytes{job=\"$job\"}");
    panels.put(
        "Memory Basic used",
        "node_memory_MemTotal_bytes{job=\"$job\"} - node_memory_MemFree_bytes{job=\"$job\"} - (node_memory_Cached_bytes{job=\"$job\"} + node_memory_Buffers_bytes{job=\"$job\"} + node_memory_SReclaimable_bytes{job=\"$job\"})");
    panels.put("Network Traffic rx", "rate(node_network_receive_bytes_total{job=\"$job\"}[5s])*8");
    panels.put("Network Traffic tx", "rate(node_network_transmit_bytes_total{job=\"$job\"}[5s])*8");
    panels.put(
        "Disk IOps",
        "rate(node_disk_reads_completed_total{job=\"$job\",device=~\"[a-z]*[a-z]|nvme[0-9]+n[0-9]+|mmcblk[0-9]+\"}[5s])");
    panels.put(
        "Disk IO util",
        "rate(node_disk_io_time_seconds_total{job=\"$job\",device=~\"[a-z]*[a-z]|nvme[0-9]+n[0-9]+|mmcblk[0-9]+\"}[5s])");
    panels.put(
        "Disk Space Used",
        "100 - ((node_filesystem_avail_bytes{job=\"$job\",device!~'rootfs'} * 100) / node_filesystem_size_bytes{job=\"$job\",device!~'rootfs'})");
    panels.put("System Load", "node_load1{job=\"$job\"}");
    panels.put("Uptime", "node_time_seconds{job=\"$job\"} - node_boot_time_seconds{job=\"$job\"}");
    panels.put("Pressure CPU", "rate(node_pressure_cpu_waiting_seconds_total{job=\"$job\"}[5s])");
    // Temperatures: this VM has no hwmon or thermal sensors, so both sides must return the same
    // (possibly empty) set; the hwmon output itself is checked on fixtures (NodeGoldenTest).
    Map<String, String> sameOnBoth = new TreeMap<>();
    sameOnBoth.put(
        "Hardware Temperature",
        "node_hwmon_temp_celsius{job=\"$job\"} * on(chip) group_left(chip_name) node_hwmon_chip_names{job=\"$job\"}");
    sameOnBoth.put("Thermal zones", "node_thermal_zone_temp{job=\"$job\"}");

    List<String> failures = new ArrayList<>();
    for (var e : panels.entrySet()) {
      JsonNode agent = awaitSeries(e.getValue().replace("$job", "agent"));
      JsonNode node = awaitSeries(e.getValue().replace("$job", "node"));
      if (agent.isEmpty()) {
        failures.add(e.getKey() + ": no series from the agent");
      } else if (agent.size() != node.size()) {
        failures.add(
            e.getKey() + ": agent " + agent.size() + " series, node_exporter " + node.size());
      }
    }
    for (var e : sameOnBoth.entrySet()) {
      int a = query(e.getValue().replace("$job", "agent")).size();
      int n = query(e.getValue().replace("$job", "node")).size();
      if (a != n) {
        failures.add(e.getKey() + ": agent " + a + " series, node_exporter " + n);
      }
    }
    assertThat(failures).isEmpty();

    // Same host, same moment: the gauges the overview shows agree.
    double ramAgent = value(query(panels.get("RAM Used").replace("$job", "agent")));
    double ramNode = value(query(panels.get("RAM Used").replace("$job", "node")));
    assertThat(ramAgent).isCloseTo(ramNode, org.assertj.core.data.Offset.offset(2.0));
    double fsAgent = value(query(panels.get("Root FS Used").replace("$job", "agent")));
    double fsNode = value(query(panels.get("Root FS Used").replace("$job", "node")));
    assertThat(fsAgent).isCloseTo(fsNode, org.assertj.core.data.Offset.offset(0.5));
    double upAgent = value(query(panels.get("Uptime").replace("$job", "agent")));
    double upNode = value(query(panels.get("Uptime").replace("$job", "node")));
    assertThat(upAgent).isCloseTo(upNode, org.assertj.core.data.Offset.offset(5.0));
  }

  private static double value(JsonNode result) {
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  @Test
  void namesHelpTypesAndLabelsMatchNodeExporter() throws Exception {
    Exposition ours = Exposition.parse(TestEnv.get(agentUrl()));
    Exposition theirs = Exposition.parse(TestEnv.get("http://127.0.0.1:" + nodePort + "/metrics"));
    List<String> diffs = new ArrayList<>();
    for (String name : REQUIRED) {
      if (ours.family(name) == null) {
        diffs.add("agent lacks " + name);
      }
      if (theirs.family(name) == null) {
        diffs.add("node_exporter lacks " + name);
      }
    }
    int shared = 0;
    for (Exposition.Family f : ours.families().values()) {
      if (!f.name().startsWith("node_")) {
        continue; // container_*, nvidia_smi_*: other anchors
      }
      Exposition.Family t = theirs.family(f.name());
      if (t == null) {
        // Newer node_exporter releases emit these; 1.5 (Debian 12) does not.
        if (!Set.of(
                "node_pressure_irq_stalled_seconds_total", "node_network_receive_nohandler_total")
            .contains(f.name())) {
          diffs.add("only the agent has " + f.name());
        }
        continue;
      }
      shared++;
      if (!f.help().equals(t.help())) {
        diffs.add(f.name() + " HELP '" + f.help() + "' vs '" + t.help() + "'");
      }
      if (!f.type().equals(t.type())) {
        diffs.add(f.name() + " TYPE " + f.type() + " vs " + t.type());
      }
      if (!f.labelNames().equals(t.labelNames())) {
        diffs.add(f.name() + " labels " + f.labelNames() + " vs " + t.labelNames());
      }
    }
    assertThat(diffs).isEmpty();
    assertThat(shared).isGreaterThan(150);
  }

  @Test
  void valuesAgreeWithNodeExporterOnTheSameHost() throws Exception {
    Exposition ours = Exposition.parse(TestEnv.get(agentUrl()));
    Exposition theirs = Exposition.parse(TestEnv.get("http://127.0.0.1:" + nodePort + "/metrics"));

    // Exactly equal: static figures.
    for (String name :
        List.of(
            "node_memory_MemTotal_bytes",
            "node_memory_SwapTotal_bytes",
            "node_boot_time_seconds")) {
      assertThat(ours.family(name).value()).as(name).isEqualTo(theirs.family(name).value());
    }
    for (String name : List.of("node_filesystem_size_bytes", "node_filesystem_files")) {
      Exposition.Family o = ours.family(name);
      Exposition.Family t = theirs.family(name);
      assertThat(o.series()).as(name).hasSameSizeAs(t.series());
      for (Exposition.Series s : t.series()) {
        assertThat(o.value("mountpoint", s.labels().get("mountpoint")))
            .as(name + " " + s.labels())
            .isEqualTo(s.value());
      }
    }
    // Counters read a few milliseconds apart: within a small tolerance.
    Exposition.Family cpuO = ours.family("node_cpu_seconds_total");
    Exposition.Family cpuT = theirs.family("node_cpu_seconds_total");
    assertThat(cpuO.series()).hasSameSizeAs(cpuT.series());
    for (Exposition.Series s : cpuT.series()) {
      double o = cpuO.value("cpu", s.labels().get("cpu"), "mode", s.labels().get("mode"));
      assertThat(o)
          .as("cpu " + s.labels())
          .isCloseTo(s.value(), org.assertj.core.data.Offset.offset(2.0 + s.value() * 0.01));
    }
    for (String name : List.of("node_network_receive_bytes_total", "node_disk_read_bytes_total")) {
      for (Exposition.Series s : theirs.family(name).series()) {
        double o = ours.family(name).value("device", s.labels().get("device"));
        assertThat(o)
            .as(name + " " + s.labels())
            .isCloseTo(
                s.value(), org.assertj.core.data.Offset.offset(1_048_576 + s.value() * 0.01));
      }
    }
    assertThat(ours.family("node_memory_MemAvailable_bytes").value())
        .isCloseTo(
            theirs.family("node_memory_MemAvailable_bytes").value(),
            org.assertj.core.data.Percentage.withPercentage(5));
  }
}
