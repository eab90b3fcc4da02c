package io.homelab.observer.controller.monitor;

import static io.homelab.observer.controller.TestApi.as;
import static io.homelab.observer.controller.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.homelab.observer.controller.Eventually;
import io.homelab.observer.controller.TestApi;
import io.homelab.observer.controller.metrics.MetricsQuery;
import io.homelab.observer.controller.metrics.Sample;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Monitors against a real local HTTP server and a closed port, through the API and the store. */
@QuarkusTest
class MonitorResourceTest {

  @Inject MetricsQuery metrics;

  private HttpServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/ok",
        e -> {
          byte[] body = "<html>homelab says hello</html>".getBytes(StandardCharsets.UTF_8);
          e.sendResponseHeaders(200, body.length);
          e.getResponseBody().write(body);
          e.close();
        });
    server.createContext(
        "/broken",
        e -> {
          e.sendResponseHeaders(500, -1);
          e.close();
        });
    server.start();
  }

  /**
   * Monitors made here, removed afterwards so they do not keep checking (and alerting) in later
   * tests.
   */
  private final List<String> created = new java.util.ArrayList<>();

  @AfterEach
  void stopServer() {
    server.stop(0);
    created.forEach(id -> asAdmin().delete("/api/monitors/" + id));
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void httpMonitorWithKeywordIsUpAndWritesSamples() {
    String name = "web-ok-" + System.nanoTime();
    String id = create(name, "http", base() + "/ok", Map.of("keyword", "hello"));
    JsonPath m = awaitChecked(id);
    assertThat(m.getString("status")).isEqualTo("up");
    assertThat(m.getString("message")).isEqualTo("HTTP 200");
    assertThat(m.getDouble("uptimePercent")).isEqualTo(100.0);
    assertThat(m.getLong("latencyMs")).isNotNull();

    List<Sample> up =
        metrics.instant("homelab_monitor_up{monitor=\"" + name + "\"}", Instant.now());
    assertThat(up)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.value()).isEqualTo(1.0);
              assertThat(s.labels()).containsEntry("type", "http");
            });
    assertThat(
            metrics.instant(
                "homelab_monitor_latency_seconds{monitor=\"" + name + "\"}", Instant.now()))
        .hasSize(1);
  }

  @Test
  void missingKeywordAndWrongStatusAreDown() {
    String keyword =
        create(
            "web-kw-" + System.nanoTime(),
            "http",
            base() + "/ok",
            Map.of("keyword", "absent-word"));
    String status = create("web-500-" + System.nanoTime(), "http", base() + "/broken", Map.of());
    String exact =
        create(
            "web-exact-" + System.nanoTime(),
            "http",
            base() + "/broken",
            Map.of("expectedStatus", 500));
    assertThat(awaitChecked(keyword).getString("message")).contains("lacks \"absent-word\"");
    JsonPath down = awaitChecked(status);
    assertThat(down.getString("status")).isEqualTo("down");
    assertThat(down.getString("message")).isEqualTo("HTTP 500, expected 2xx or 3xx");
    assertThat(down.getDouble("uptimePercent")).isEqualTo(0.0);
    assertThat(awaitChecked(exact).getString("status")).isEqualTo("up");
  }

  @Test
  void tcpMonitorSeesOpenAndClosedPorts() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String name = "tcp-closed-" + System.nanoTime();
    String open =
        create(
            "tcp-open-" + System.nanoTime(),
            "tcp",
            "127.0.0.1:" + server.getAddress().getPort(),
            Map.of());
    String shut = create(name, "tcp", "127.0.0.1:" + closed, Map.of());
    assertThat(awaitChecked(open).getString("status")).isEqualTo("up");
    JsonPath down = awaitChecked(shut);
    assertThat(down.getString("status")).isEqualTo("down");
    assertThat(down.getString("message")).contains("refused");
    assertThat(metrics.instant("homelab_monitor_up{monitor=\"" + name + "\"} == 0", Instant.now()))
        .hasSize(1);
  }

  @Test
  void pingMonitorGetsAnEchoReplyFromLoopback() {
    String name = "ping-lo-" + System.nanoTime();
    String id = create(name, "ping", "127.0.0.1", Map.of());
    JsonPath m = awaitChecked(id);
    assertThat(m.getString("status")).as(m.getString("message")).isEqualTo("up");
    assertThat(m.getString("message")).isEqualTo("echo reply");
    assertThat(m.getLong("latencyMs")).isNotNull().isLessThan(1000L);
    assertThat(
            metrics.instant(
                "homelab_monitor_up{monitor=\"" + name + "\",type=\"ping\"} == 1", Instant.now()))
        .hasSize(1);
  }

  @Test
  void crudValidatesAndViewersOnlyRead() {
    asAdmin()
        .body(Map.of("name", "bad", "type", "smtp", "target", "x"))
        .post("/api/monitors")
        .then()
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.is("BAD_REQUEST"));
    asAdmin()
        .body(Map.of("name", "bad", "type", "http", "target", "ftp://x"))
        .post("/api/monitors")
        .then()
        .statusCode(400);
    asAdmin()
        .body(Map.of("name", "bad", "type", "tcp", "target", "host:99999"))
        .post("/api/monitors")
        .then()
        .statusCode(400);
    asAdmin()
        .body(Map.of("name", "bad", "type", "tcp", "target", "h:1", "keyword", "x"))
        .post("/api/monitors")
        .then()
        .statusCode(400);
    String name = "crud-" + System.nanoTime();
    String id = create(name, "tcp", "127.0.0.1:9", Map.of("enabled", false));
    asAdmin()
        .body(Map.of("name", name, "type", "tcp", "target", "127.0.0.1:9"))
        .post("/api/monitors")
        .then()
        .statusCode(409);
    as(TestApi.tokenOf("viewer"))
        .get("/api/monitors/" + id)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.is("pending"));
    as(TestApi.tokenOf("viewer")).delete("/api/monitors/" + id).then().statusCode(403);
    as(TestApi.tokenOf("operator"))
        .body(
            Map.of(
                "name",
                name + "-renamed",
                "type",
                "tcp",
                "target",
                "127.0.0.1:9",
                "intervalSeconds",
                30,
                "enabled",
                false))
        .put("/api/monitors/" + id)
        .then()
        .statusCode(200)
        .body("name", org.hamcrest.Matchers.is(name + "-renamed"))
        .body("intervalSeconds", org.hamcrest.Matchers.is(30));
    as(TestApi.tokenOf("operator")).delete("/api/monitors/" + id).then().statusCode(204);
    asAdmin().get("/api/monitors/" + id).then().statusCode(404);
  }

  private String create(String name, String type, String target, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>(extra);
    body.put("name", name);
    body.put("type", type);
    body.put("target", target);
    body.putIfAbsent("intervalSeconds", 1);
    body.putIfAbsent("timeoutSeconds", 1);
    return as(TestApi.tokenOf("operator"))
        .body(body)
        .post("/api/monitors")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static JsonPath awaitChecked(String id) {
    return Eventually.await(
        Duration.ofSeconds(15),
        () -> asAdmin().get("/api/monitors/" + id).then().statusCode(200).extract().jsonPath(),
        j -> j.getLong("checksTotal") > 0);
  }
}
