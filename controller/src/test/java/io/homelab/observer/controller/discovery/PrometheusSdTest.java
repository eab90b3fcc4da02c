package io.homelab.observer.controller.discovery;

import static io.homelab.observer.controller.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.controller.Eventually;
import io.homelab.observer.controller.TestApi;
import io.homelab.observer.controller.environment.EnvironmentEntity;
import io.homelab.observer.controller.environment.EnvironmentStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus ({@code $HOMELAB_TEST_PROMETHEUS}) discovers an environment's 9100 through our
 * SD endpoint.
 */
@QuarkusTest
class PrometheusSdTest {

  @Inject EnvironmentStore environments;

  @Test
  void sdAnswersPrometheusShapeAndNeedsAToken() {
    String id = addEnvironment("sd-shape-" + System.nanoTime(), "http://10.9.8.7:9001");
    RestAssured.given().get("/api/prometheus/sd").then().statusCode(401);
    JsonNode groups = Eventually.await(Duration.ofSeconds(1), () -> sd(), g -> true);
    JsonNode ours = null;
    for (JsonNode g : groups) {
      if (g.get("labels").get("environment_id").asText().equals(id)) {
        ours = g;
      }
    }
    assertThat(ours).isNotNull();
    assertThat(ours.get("targets").get(0).asText()).isEqualTo("10.9.8.7:9100");
    assertThat(ours.get("labels").get("group").asText()).isEqualTo("lab");
    assertThat(ours.get("labels").get("__meta_homelab_status").asText()).isEqualTo("down");
    environments.delete(id);
  }

  @Test
  void realPrometheusDiscoversTargetsThroughSd() throws Exception {
    String binary = System.getenv("HOMELAB_TEST_PROMETHEUS");
    Assumptions.assumeTrue(
        binary != null && Files.isExecutable(Path.of(binary)), "HOMELAB_TEST_PROMETHEUS not set");
    String name = "sd-prom-" + System.nanoTime();
    String id = addEnvironment(name, "http://127.0.0.1:9001");
    Path dir = Files.createTempDirectory("homelab-sd-test");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // a token of its own, as an operator would create for Prometheus. "type: Bearer" is needed:
    // Prometheus 2.42 (Debian 12) sends http_sd credentials without the scheme when it is left out
    String token = TestApi.login("admin", TestApi.ADMIN_PASSWORD);
    RestAssured.given()
        .header("Authorization", "Bearer " + token)
        .get("/api/prometheus/sd")
        .then()
        .statusCode(200);
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        global:
          scrape_interval: 1h
        scrape_configs:
          - job_name: homelab
            http_sd_configs:
              - url: http://127.0.0.1:%d/api/prometheus/sd
                refresh_interval: 1s
                authorization:
                  type: Bearer
                  credentials: %s
        """
            .formatted(RestAssured.port, token));
    Process prometheus =
        new ProcessBuilder(
                binary,
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      JsonNode target =
          Eventually.await(
              Duration.ofSeconds(30),
              () -> {
                try {
                  String body =
                      http.send(
                              HttpRequest.newBuilder(
                                      URI.create(
                                          "http://127.0.0.1:"
                                              + port
                                              + "/api/v1/targets?state=active"))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString())
                          .body();
                  for (JsonNode t :
                      new ObjectMapper().readTree(body).path("data").path("activeTargets")) {
                    if (t.path("labels").path("environment").asText().equals(name)) {
                      return t;
                    }
                  }
                } catch (Exception e) {
                  // not up yet
                }
                return null;
              },
              t -> t != null);
      assertThat(target.path("labels").path("instance").asText()).isEqualTo("127.0.0.1:9100");
      assertThat(target.path("labels").path("environment_id").asText()).isEqualTo(id);
      assertThat(target.path("labels").path("job").asText()).isEqualTo("homelab");
      assertThat(target.path("discoveredLabels").path("__meta_homelab_url").asText())
          .isEqualTo("http://127.0.0.1:9001");
    } finally {
      prometheus.destroy();
      prometheus.waitFor();
      environments.delete(id);
    }
  }

  private String addEnvironment(String name, String url) {
    EnvironmentEntity e = new EnvironmentEntity();
    e.id = UUID.randomUUID().toString();
    e.name = name;
    e.url = url;
    e.group = "lab";
    e.status = EnvironmentEntity.DOWN;
    e.createdAt = System.currentTimeMillis();
    environments.insert(e);
    return e.id;
  }

  private static JsonNode sd() {
    try {
      return new ObjectMapper()
          .readTree(
              asAdmin().get("/api/prometheus/sd").then().statusCode(200).extract().asString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
