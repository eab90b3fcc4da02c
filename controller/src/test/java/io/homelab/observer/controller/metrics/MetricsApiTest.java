package io.homelab.observer.controller.metrics;

import static io.homelab.observer.controller.TestApi.adminToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.homelab.observer.controller.TestApi;
import io.homelab.observer.controller.fleet.AgentProcess;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real agent scraped by the controller and, at the same time, by a real Prometheus; dashboard
 * 1860's queries are run against both and must give the same label sets and values within what a
 * second of scrape offset explains. Takes about a minute (30 s of scraping).
 */
@QuarkusTest
@TestProfile(ScrapeProfile.class)
class MetricsApiTest {

  static final String ENV = "metrics-agent";
  static AgentProcess agent;
  static RealPrometheus prometheus;
  static String sel;

  /**
   * The 1860 panels of the reference list, with $__rate_interval as 30s (the scrape interval here
   * is 1 s) and {instance, job} as the selector. Each has a relative tolerance for the scrape
   * offset.
   */
  static List<Object[]> queries() {
    String s = sel;
    String disk = "device=~\"[a-z]+|nvme[0-9]+n[0-9]+|mmcblk[0-9]+\"," + s;
    // containers of other test runs on the shared dockerd add and remove veth interfaces at any
    // moment; one born inside the rate window has two samples on one side and one on the other
    String net = "device!~\"veth.*\"," + s;
    return List.of(
        new Object[] {
          "100 * (1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"," + s + "}[30s])))", 0.5
        },
        new Object[] {
          "scalar(node_load1{"
              + s
              + "}) * 100 / count(count(node_cpu_seconds_total{"
              + s
              + "}) by (cpu))",
          0.3
        },
        new Object[] {
          "clamp_min((1 - node_memory_MemAvailable_bytes{"
              + s
              + "} / node_memory_MemTotal_bytes{"
              + s
              + "}) * 100, 0)",
          0.05
        },
        new Object[] {
          "(node_memory_SwapTotal_bytes{"
              + s
              + "} > bool 0) * (node_memory_SwapTotal_bytes{"
              + s
              + "} - node_memory_SwapFree_bytes{"
              + s
              + "}) / node_memory_SwapTotal_bytes{"
              + s
              + "} * 100",
          0.05
        },
        new Object[] {
          "(node_filesystem_size_bytes{mountpoint=\"/\",fstype!=\"rootfs\","
              + s
              + "} - node_filesystem_avail_bytes{mountpoint=\"/\",fstype!=\"rootfs\","
              + s
              + "}) / node_filesystem_size_bytes{mountpoint=\"/\",fstype!=\"rootfs\","
              + s
              + "} * 100",
          0.01
        },
        new Object[] {"rate(node_pressure_cpu_waiting_seconds_total{" + s + "}[30s])", 1.0},
        new Object[] {"rate(node_pressure_memory_waiting_seconds_total{" + s + "}[30s])", 1.0},
        new Object[] {"rate(node_pressure_io_waiting_seconds_total{" + s + "}[30s])", 1.0},
        new Object[] {"rate(node_pressure_irq_stalled_seconds_total{" + s + "}[30s])", 1.0},
        new Object[] {"count(count(node_cpu_seconds_total{" + s + "}) by (cpu))", 0.0},
        new Object[] {"node_memory_MemTotal_bytes{" + s + "}", 0.0},
        new Object[] {"node_memory_SwapTotal_bytes{" + s + "}", 0.0},
        new Object[] {"node_filesystem_size_bytes{mountpoint=\"/\"," + s + "}", 0.0},
        new Object[] {"node_time_seconds{" + s + "} - node_boot_time_seconds{" + s + "}", 0.01},
        new Object[] {"avg(rate(node_cpu_seconds_total{mode=\"system\"," + s + "}[30s]))", 0.5},
        new Object[] {"avg(rate(node_cpu_seconds_total{mode=\"user\"," + s + "}[30s]))", 0.5},
        new Object[] {"avg(rate(node_cpu_seconds_total{mode=\"iowait\"," + s + "}[30s]))", 1.0},
        new Object[] {"avg(rate(node_cpu_seconds_total{mode=~\".*irq\"," + s + "}[30s]))", 1.0},
        new Object[] {"avg(rate(node_cpu_seconds_total{mode=\"idle\"," + s + "}[30s]))", 0.2},
        new Object[] {
          "node_memory_MemTotal_bytes{"
              + s
              + "} - node_memory_MemFree_bytes{"
              + s
              + "} - (node_memory_Cached_bytes{"
              + s
              + "} + node_memory_Buffers_bytes{"
              + s
              + "} + node_memory_SReclaimable_bytes{"
              + s
              + "})",
          0.1
        },
        new Object[] {
          "node_memory_Cached_bytes{"
              + s
              + "} + node_memory_Buffers_bytes{"
              + s
              + "} + node_memory_SReclaimable_bytes{"
              + s
              + "}",
          0.1
        },
        new Object[] {"rate(node_network_receive_bytes_total{" + net + "}[30s]) * 8", 1.0},
        new Object[] {"rate(node_network_transmit_bytes_total{" + net + "}[30s]) * 8", 1.0},
        new Object[] {
          "100 - ((node_filesystem_avail_bytes{device!~'rootfs',"
              + s
              + "} * 100) / node_filesystem_size_bytes{device!~'rootfs',"
              + s
              + "})",
          0.02
        },
        new Object[] {"rate(node_disk_reads_completed_total{" + disk + "}[30s])", 1.0},
        new Object[] {"rate(node_disk_writes_completed_total{" + disk + "}[30s])", 1.0},
        new Object[] {"rate(node_disk_read_bytes_total{" + disk + "}[30s])", 1.0},
        new Object[] {"rate(node_disk_written_bytes_total{" + disk + "}[30s])", 1.0},
        new Object[] {"rate(node_disk_io_time_seconds_total{" + disk + "}[30s])", 1.0},
        new Object[] {"node_load1{" + s + "}", 0.5},
        new Object[] {"node_load5{" + s + "}", 0.2},
        new Object[] {"node_load15{" + s + "}", 0.1},
        new Object[] {
          "node_hwmon_temp_celsius{"
              + s
              + "} * on(chip) group_left(chip_name) node_hwmon_chip_names{"
              + s
              + "}",
          0.2
        },
        new Object[] {
          "rate(node_network_receive_bytes_total{"
              + net
              + "}[30s]) / node_network_speed_bytes{"
              + net
              + "} > 0",
          1.0
        },
        new Object[] {"up{" + s + "}", 0.0});
  }

  @BeforeEach
  void startOnce() throws Exception {
    if (agent != null) {
      return;
    }
    String publicKey =
        given().get("/api/public-key").then().statusCode(200).extract().path("publicKey");
    agent = AgentProcess.start("metrics", publicKey, false);
    String hostPort = "127.0.0.1:" + agent.metricsPort();
    sel = "instance=\"" + hostPort + "\",job=\"node\"";
    asAdmin()
        .body(
            Map.of(
                "name", ENV, "url", agent.url(), "metricsUrl", "http://" + hostPort + "/metrics"))
        .post("/api/environments")
        .then()
        .statusCode(201);
    prometheus = RealPrometheus.scraping(hostPort, ENV);
    Thread.sleep(35_000); // both collect more than a 30 s rate window
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (agent != null) {
      agent.close();
    }
  }

  static io.restassured.specification.RequestSpecification asAdmin() {
    return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + adminToken());
  }

  @Test
  void every1860QueryMatchesPrometheus() {
    double at = System.currentTimeMillis() / 1000.0 - 2;
    List<String> failures = new ArrayList<>();
    int nonEmpty = 0;
    for (Object[] q : queries()) {
      String query = (String) q[0];
      double tolerance = (double) q[1];
      Map<String, Double> ours =
          results(
              asAdmin()
                  .formParam("query", query)
                  .formParam("time", at)
                  .contentType(ContentType.URLENC)
                  .post("/api/v1/query")
                  .then()
                  .statusCode(200)
                  .extract()
                  .jsonPath());
      Map<String, Double> theirs =
          results(
              given()
                  .baseUri(prometheus.url())
                  .formParam("query", query)
                  .formParam("time", at)
                  .post("/api/v1/query")
                  .then()
                  .statusCode(200)
                  .extract()
                  .jsonPath());
      nonEmpty += theirs.isEmpty() ? 0 : 1;
      if (!ours.keySet().equals(theirs.keySet())) {
        failures.add(
            query
                + ": label sets differ: ours "
                + ours.keySet()
                + " Prometheus "
                + theirs.keySet());
        continue;
      }
      // A CPU-mode rate near zero (idle on a machine busy with the build) makes any relative
      // tolerance meaningless: one second of scrape offset then doubles it. 2 % of one CPU is
      // what that offset can explain in absolute terms.
      double floor = query.contains("rate(node_cpu_seconds_total") ? 0.02 : 1e-9;
      for (String k : ours.keySet()) {
        double a = ours.get(k);
        double b = theirs.get(k);
        boolean same =
            (Double.isNaN(a) && Double.isNaN(b))
                || a == b
                || Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b)) + floor;
        if (!same) {
          failures.add(query + " " + k + ": ours " + a + " Prometheus " + b);
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(nonEmpty).isGreaterThan(20); // most panels have data on any Linux host
  }

  static Map<String, Double> results(JsonPath json) {
    Map<String, Double> out = new HashMap<>();
    String type = json.getString("data.resultType");
    if (type.equals("scalar")) {
      out.put("scalar", parse(json.getString("data.result[1]")));
      return out;
    }
    List<Map<String, Object>> result = json.getList("data.result");
    for (Map<String, Object> r : result) {
      @SuppressWarnings("unchecked")
      List<Object> v = (List<Object>) r.get("value");
      out.put(
          new java.util.TreeMap<>((Map<?, ?>) r.get("metric")).toString(),
          parse((String) v.get(1)));
    }
    return out;
  }

  static double parse(String v) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    };
  }

  @Test
  void rangeQueryMatchesPrometheusShape() {
    long now = System.currentTimeMillis() / 1000 - 2;
    String q = "rate(node_cpu_seconds_total{mode=\"idle\"," + sel + "}[10s])";
    JsonPath ours =
        asAdmin()
            .queryParam("query", q)
            .queryParam("start", now - 20)
            .queryParam("end", now)
            .queryParam("step", "2s")
            .get("/api/v1/query_range")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    JsonPath theirs =
        given()
            .baseUri(prometheus.url())
            .queryParam("query", q)
            .queryParam("start", now - 20)
            .queryParam("end", now)
            .queryParam("step", "2s")
            .get("/api/v1/query_range")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(ours.getString("data.resultType")).isEqualTo("matrix");
    List<Map<String, Object>> a = ours.getList("data.result");
    List<Map<String, Object>> b = theirs.getList("data.result");
    assertThat(a).hasSameSizeAs(b).isNotEmpty();
    assertThat(
            a.stream()
                .map(r -> new java.util.TreeMap<>((Map<?, ?>) r.get("metric")).toString())
                .sorted()
                .toList())
        .isEqualTo(
            b.stream()
                .map(r -> new java.util.TreeMap<>((Map<?, ?>) r.get("metric")).toString())
                .sorted()
                .toList());
    assertThat((List<?>) a.get(0).get("values")).hasSize(11);
  }

  @Test
  void badQueriesAnswer400InPrometheusShape() {
    for (String bad : List.of("sum(", "rate(node_load1)", "node_load1{a=~\"(\"}")) {
      asAdmin()
          .queryParam("query", bad)
          .get("/api/v1/query")
          .then()
          .statusCode(400)
          .body("status", is("error"))
          .body("errorType", is("bad_data"));
    }
    asAdmin().get("/api/v1/query").then().statusCode(400).body("errorType", is("bad_data"));
    asAdmin()
        .queryParam("query", "up")
        .queryParam("start", "1")
        .queryParam("end", "2")
        .queryParam("step", "0")
        .get("/api/v1/query_range")
        .then()
        .statusCode(400);
    given().queryParam("query", "up").get("/api/v1/query").then().statusCode(401);
  }

  @Test
  void metadataEndpointsTargetsSummaryAndBasicAuth() {
    asAdmin()
        .queryParam("match[]", "node_load1")
        .get("/api/v1/series")
        .then()
        .statusCode(200)
        .body("data[0].environment", is(ENV));
    List<String> labels =
        asAdmin().get("/api/v1/labels").then().statusCode(200).extract().path("data");
    assertThat(labels).contains("__name__", "instance", "job", "environment", "cpu", "mode");
    List<String> jobs =
        asAdmin().get("/api/v1/label/job/values").then().statusCode(200).extract().path("data");
    assertThat(jobs).contains("node");
    asAdmin()
        .get("/api/v1/metadata")
        .then()
        .statusCode(200)
        .body("data.node_load1[0].type", is("gauge"));
    asAdmin()
        .get("/api/v1/targets")
        .then()
        .statusCode(200)
        .body(
            "data.activeTargets.find { it.labels.environment == '" + ENV + "' }.health", is("up"));
    // Grafana's data source with Basic auth, and a viewer may read.
    given()
        .auth()
        .preemptive()
        .basic("admin", TestApi.ADMIN_PASSWORD)
        .queryParam("query", "up")
        .get("/api/v1/query")
        .then()
        .statusCode(200)
        .body("status", is("success"));
    given()
        .auth()
        .preemptive()
        .basic("admin", "wrong")
        .queryParam("query", "up")
        .get("/api/v1/query")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "Bearer " + TestApi.tokenOf("viewer"))
        .queryParam("query", "up")
        .get("/api/v1/query")
        .then()
        .statusCode(200);
    JsonPath summary =
        asAdmin().get("/api/metrics/summary").then().statusCode(200).extract().jsonPath();
    Map<String, Object> item = summary.getMap("items.find { it.name == '" + ENV + "' }");
    assertThat(((Number) item.get("cpuPercent")).doubleValue()).isBetween(0.0, 100.0);
    assertThat(((Number) item.get("memoryPercent")).doubleValue()).isBetween(0.0, 100.0);
    assertThat(((Number) item.get("rootFsPercent")).doubleValue()).isBetween(0.0, 100.0);
    assertThat(((Number) item.get("load1")).doubleValue()).isGreaterThanOrEqualTo(0.0);
    assertThat(((Number) item.get("uptimeSeconds")).doubleValue()).isPositive();
    assertThat(item.get("networkRxBps")).isNotNull();
    Map<String, Object> env =
        asAdmin()
            .get("/api/environments")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("find { it.name == '" + ENV + "' }");
    assertThat(env.get("cpuPercent")).isNotNull();
    assertThat(env.get("memoryPercent")).isNotNull();
    assertThat(env.get("rootFsPercent")).isNotNull();
  }
}
