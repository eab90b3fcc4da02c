package io.homelab.observer.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** {@code /metrics} and {@code /health} on the management port (9100 outside tests). */
@QuarkusTest
class MetricsRoutesTest {

  // management = true prefixes the management root (/q); our routes sit beside it at the root.
  @TestHTTPResource(value = "/health/live", management = true)
  URL live;

  // The agent API (9001 outside tests), plain HTTP in the test profile.
  @TestHTTPResource("/")
  URL api;

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + live.getPort() + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return TestEnv.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesText004WithEveryCollectorReporting() throws Exception {
    HttpResponse<byte[]> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    Exposition e = Exposition.parse(new String(r.body(), StandardCharsets.UTF_8));
    assertThat(e.family("node_cpu_seconds_total").type()).isEqualTo("counter");
    assertThat(e.family("node_memory_MemTotal_bytes").series()).hasSize(1);
    assertThat(e.family("node_scrape_collector_success").series())
        .extracting(s -> s.labels().get("collector"))
        .contains("cpu", "meminfo", "filesystem", "container", "gpu");
    // dockerd runs in the test environment, so the container collector succeeds; no GPU here, and
    // that is not a failure either.
    assertThat(e.family("node_scrape_collector_success").value("collector", "container"))
        .isEqualTo(1);
    assertThat(e.family("node_scrape_collector_success").value("collector", "gpu")).isEqualTo(1);
  }

  @Test
  void servesOpenMetricsWhenAcceptAsksForIt() throws Exception {
    HttpResponse<byte[]> r =
        get("/metrics", "Accept", "application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    String body = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(body).endsWith("# EOF\n").contains("# TYPE node_cpu_seconds counter\n");
  }

  @Test
  void gzipsWhenAsked() throws Exception {
    HttpResponse<byte[]> r = get("/metrics", "Accept-Encoding", "gzip");
    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gunzip(r.body())).contains("# TYPE node_load1 gauge");
  }

  @Test
  void servesTheAgentsOwnJvmMetricsAtQMetrics() throws Exception {
    // One unsigned API request (401), counted under its route template.
    HttpResponse<String> unsigned =
        TestEnv.HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        api.toString().replaceAll("/$", "") + "/api/containers/some-name/logs"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(401);
    HttpResponse<byte[]> r = get("/q/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    Exposition e = Exposition.parse(new String(r.body(), StandardCharsets.UTF_8));
    assertThat(e.family("jvm_memory_used_bytes").series())
        .extracting(s -> s.labels().get("area"))
        .contains("heap", "nonheap");
    assertThat(e.family("jvm_threads_live_threads").value()).isPositive();
    assertThat(e.family("jvm_classes_loaded_classes").value()).isGreaterThan(1000);
    assertThat(e.family("jvm_gc_collections_total").type()).isEqualTo("counter");
    assertThat(e.family("process_cpu_seconds_total").value()).isPositive();
    assertThat(e.family("process_files_open_files").value()).isPositive();
    // Read from /proc/self/status: the agent's resident memory, as node_exporter reports its own.
    assertThat(e.family("process_resident_memory_bytes").value()).isGreaterThan(1 << 20);
    assertThat(
            e.family("http_server_requests_seconds_count")
                .value(
                    "method", "GET",
                    "uri", "/api/containers/{id}/logs",
                    "status", "401",
                    "outcome", "CLIENT_ERROR"))
        .isGreaterThanOrEqualTo(1);
    assertThat(e.family("http_server_requests_seconds_sum").series()).isNotEmpty();
    // Node series stay on /metrics only.
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .doesNotContain("node_cpu_seconds_total");
  }

  @Test
  void healthAnswersUp() throws Exception {
    HttpResponse<byte[]> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"UP\"}");
  }

  private static String gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
