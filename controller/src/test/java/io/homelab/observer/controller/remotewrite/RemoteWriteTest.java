package io.homelab.observer.controller.remotewrite;

import static io.homelab.observer.controller.TestApi.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.controller.Eventually;
import io.homelab.observer.controller.TestApi;
import io.homelab.observer.controller.fleet.AgentProcess;
import io.homelab.observer.controller.metrics.Sample;
import io.homelab.observer.controller.metrics.SampleSink;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The scale path against a real Prometheus ({@code $HOMELAB_TEST_PROMETHEUS}): samples the store
 * accepts arrive through remote write, and the same Prometheus discovers a real agent through
 * {@code GET /api/prometheus/sd} and scrapes it. About 30 s plus one controller start.
 */
@QuarkusTest
@TestProfile(RemoteWriteProfile.class)
class RemoteWriteTest {

  static AgentProcess agent;

  @Inject SampleSink sink;
  @Inject RemoteWriteSender sender;

  @ConfigProperty(name = "homelab.controller.remote-write.url")
  URI writeUrl;

  @AfterAll
  static void stopAgent() throws Exception {
    if (agent != null) {
      agent.close();
    }
  }

  private String prometheus() {
    return "http://127.0.0.1:" + writeUrl.getPort();
  }

  @Test
  void everyAcceptedSampleArrivesInOrder() {
    String test = "rw" + System.nanoTime();
    long t0 = System.currentTimeMillis() - 30_000;
    for (int i = 0; i < 10; i++) {
      TreeMap<String, String> labels = new TreeMap<>();
      labels.put("__name__", "homelab_rw_test");
      labels.put("test", test);
      sink.append(List.of(new Sample(labels, t0 + i * 1000L, i * 1.5)));
    }
    String sel = "homelab_rw_test{test=\"" + test + "\"}";
    Eventually.await(
        Duration.ofSeconds(30),
        () -> single(query("count_over_time(" + sel + "[2m])")),
        v -> v != null && v == 10.0);
    assertThat(single(query("max_over_time(" + sel + "[2m])"))).isEqualTo(13.5);
    assertThat(single(query("timestamp(" + sel + ")"))).isEqualTo((t0 + 9000) / 1000.0);
    RemoteWriteSender.Status s = sender.status();
    assertThat(s.enabled()).isTrue();
    assertThat(s.target()).isEqualTo(writeUrl.toString());
    assertThat(s.sentSamples()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void realPrometheusScrapesAnAgentThroughSdAndReceivesOurScrapes() throws Exception {
    String env = "rw-agent";
    String publicKey =
        given().get("/api/public-key").then().statusCode(200).extract().path("publicKey");
    agent = AgentProcess.start("rw", publicKey, false);
    String hostPort = "127.0.0.1:" + agent.metricsPort();
    asAdmin()
        .body(
            Map.of(
                "name", env, "url", agent.url(), "metricsUrl", "http://" + hostPort + "/metrics"))
        .post("/api/environments")
        .then()
        .statusCode(201);

    // 1. our own scrapes of the agent reach Prometheus by remote write (job "node")
    String ours = "{job=\"node\",environment=\"" + env + "\"}";
    Eventually.await(
        Duration.ofSeconds(40), () -> single(query("up" + ours)), v -> v != null && v == 1.0);

    // 2. Prometheus discovers the same agent through our SD (a viewer's token) and scrapes it
    String token = TestApi.tokenOf("viewer");
    java.nio.file.Path dir = PrometheusReceiver.dir(writeUrl.getPort());
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 900ms
        scrape_configs:
          - job_name: homelab-sd
            http_sd_configs:
              - url: http://127.0.0.1:%d/api/prometheus/sd
                refresh_interval: 1s
                authorization:
                  type: Bearer
                  credentials: %s
        """
            .formatted(RestAssured.port, token));
    given().baseUri(prometheus()).post("/-/reload").then().statusCode(200);
    String viaSd = "{job=\"homelab-sd\",environment=\"" + env + "\"}";
    Eventually.await(
        Duration.ofSeconds(40), () -> single(query("up" + viaSd)), v -> v != null && v == 1.0);
    List<Map<String, Object>> targets =
        given()
            .baseUri(prometheus())
            .get("/api/v1/targets?state=active")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("data.activeTargets.findAll { it.labels.job == 'homelab-sd' }");
    assertThat(targets).singleElement();
    @SuppressWarnings("unchecked")
    Map<String, String> labels = (Map<String, String>) targets.get(0).get("labels");
    assertThat(labels).containsEntry("instance", hostPort).containsEntry("environment", env);
    assertThat(targets.get(0).get("health")).isEqualTo("up");

    // 3. both paths carry the same host: memory total is one number
    assertThat(single(query("node_memory_MemTotal_bytes" + ours)))
        .isEqualTo(single(query("node_memory_MemTotal_bytes" + viaSd)))
        .isNotNull();
  }

  private JsonPath query(String promql) {
    return given()
        .baseUri(prometheus())
        .formParam("query", promql)
        .post("/api/v1/query")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The value of a one-series vector, or null while there is none. */
  private static Double single(JsonPath json) {
    List<List<Object>> values = json.getList("data.result.value");
    List<Double> out = new ArrayList<>();
    for (List<Object> v : values) {
      out.add(Double.parseDouble(v.get(1).toString()));
    }
    return out.size() == 1 ? out.get(0) : null;
  }
}
