package io.homelab.observer.tracking.logs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.AcceptanceProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lines ingested through the logs API show up in MLflow terms, read with MLflow's own Python
 * client: experiment {@code logs/<host>}, a run per service and day with its tags, and the lines,
 * errors and warnings of each minute as metric history.
 */
@QuarkusTest
@TestProfile(LogsMlflowViewProfile.class)
class LogsMlflowViewTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource URL base;

  @Test
  void ingestedLinesAreCountedIntoARunPerServiceAndDay() throws Exception {
    String host = "mv-" + UUID.randomUUID().toString().substring(0, 8);
    // Two whole minutes that are over, ten minutes ago.
    long m0 = (System.currentTimeMillis() - 600_000L) / 60_000L * 60_000L;
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      entries.add(entry(host, m0 + i * 1000, "info", "request " + i));
    }
    entries.add(entry(host, m0 + 10_000, "error", "disk full"));
    entries.add(entry(host, m0 + 60_000, "warn", "slow"));
    entries.add(entry(host, m0 + 61_000, "error", "gave up"));
    entries.add(entry(host, m0 + 62_000, "info", "retrying"));
    given()
        .auth()
        .preemptive()
        .basic(AcceptanceProfile.ADMIN, AcceptanceProfile.ADMIN_PASSWORD)
        .contentType(ContentType.JSON)
        .body(Map.of("batch_id", "mv-" + host, "entries", entries))
        .post("/api/2.0/homelab/logs")
        .then()
        .statusCode(200);

    JsonNode r = waitForView(host);
    String day = Instant.ofEpochMilli(m0).atZone(ZoneOffset.UTC).toLocalDate().toString();
    assertThat(r.get("experiment_name").asText()).isEqualTo("logs/" + host);
    assertThat(r.get("runs").asInt()).isEqualTo(1);
    assertThat(r.get("run_name").asText()).isEqualTo("web " + day);
    assertThat(r.get("tags").get("host").asText()).isEqualTo(host);
    assertThat(r.get("tags").get("service").asText()).isEqualTo("web");
    assertThat(r.get("tags").get("day").asText()).isEqualTo(day);
    long step0 = (m0 - Instant.parse(day + "T00:00:00Z").toEpochMilli()) / 60_000L;
    JsonNode history = r.get("history");
    assertThat(history.get("lines_per_minute").toString())
        .isEqualTo("[[" + step0 + ",6.0],[" + (step0 + 1) + ",3.0]]");
    assertThat(history.get("errors_per_minute").toString())
        .isEqualTo("[[" + step0 + ",1.0],[" + (step0 + 1) + ",1.0]]");
    assertThat(history.get("warnings_per_minute").toString())
        .isEqualTo("[[" + step0 + ",0.0],[" + (step0 + 1) + ",1.0]]");
  }

  @Test
  void aRunsLogTextArtifactIsSearchableInTheLogs() throws Exception {
    String word = "qk" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode run = python("log_text_indexed.py", word);
    String runId = run.get("run_id").asText();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    io.restassured.path.json.JsonPath found;
    do {
      Thread.sleep(300);
      found =
          given()
              .auth()
              .preemptive()
              .basic(AcceptanceProfile.ADMIN, AcceptanceProfile.ADMIN_PASSWORD)
              .queryParam("q", word + " AND label.run_id:" + runId)
              .get("/api/2.0/homelab/logs/search")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
    } while (found.getList("entries").isEmpty() && System.nanoTime() < deadline);
    assertThat(found.getList("entries")).hasSize(1);
    assertThat(found.getString("entries[0].message"))
        .isEqualTo("epoch 2 diverged: loss nan (" + word + ")");
    assertThat(found.getString("entries[0].host")).isEqualTo("mlflow");
    assertThat(found.getString("entries[0].service")).isEqualTo("log-text-" + word);
    assertThat(found.getString("entries[0].labels.artifact_path")).isEqualTo("train.log");
    assertThat(found.getString("entries[0].labels.run_name")).isEqualTo("trainer");
    // Both lines of train.log, nothing of weights.bin.
    assertThat(
            given()
                .auth()
                .preemptive()
                .basic(AcceptanceProfile.ADMIN, AcceptanceProfile.ADMIN_PASSWORD)
                .queryParam("q", "label.run_id:" + runId)
                .get("/api/2.0/homelab/logs/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("entries"))
        .hasSize(2);
  }

  private static Map<String, Object> entry(String host, long ts, String level, String message) {
    return Map.of(
        "timestamp",
        ts,
        "host",
        host,
        "service",
        "web",
        "level",
        level,
        "message",
        message,
        "labels",
        Map.of("image", "busybox:1.36", "stream", "stdout"));
  }

  /** Runs the Python reader until the flush has written both minutes (at most 60 s). */
  private JsonNode waitForView(String host) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      int status =
          given()
              .auth()
              .preemptive()
              .basic(AcceptanceProfile.ADMIN, AcceptanceProfile.ADMIN_PASSWORD)
              .queryParam("experiment_name", "logs/" + host)
              .get("/api/2.0/mlflow/experiments/get-by-name")
              .statusCode();
      if (status == 200) {
        JsonNode r = python("logs_mlflow_view.py", host, "web");
        if (r.get("history").get("lines_per_minute").size() == 2) {
          return r;
        }
      }
      assertThat(System.nanoTime()).as("MLflow view written within 60 s").isLessThan(deadline);
      Thread.sleep(500);
    }
  }

  private JsonNode python(String script, String... args) throws Exception {
    String configured = System.getenv("HOMELAB_TEST_PYTHON");
    Path python =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(System.getProperty("homelab.repo.root", "../"), "target/venv/bin/python");
    Path scriptFile = Files.createTempFile("mlflow-logs-", ".py");
    try (var in = getClass().getResourceAsStream("/python/" + script)) {
      Files.write(scriptFile, in.readAllBytes());
    }
    List<String> cmd = new ArrayList<>(List.of(python.toString(), scriptFile.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Path stderr = Files.createTempFile("mlflow-logs-", ".err");
    pb.redirectError(stderr.toFile());
    pb.environment().put("MLFLOW_TRACKING_URI", base.toString().replaceAll("/$", ""));
    pb.environment().put("MLFLOW_TRACKING_USERNAME", AcceptanceProfile.ADMIN);
    pb.environment().put("MLFLOW_TRACKING_PASSWORD", AcceptanceProfile.ADMIN_PASSWORD);
    pb.environment().put("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
    pb.environment().put("GIT_PYTHON_REFRESH", "quiet");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out + Files.readString(stderr)).isZero();
    String[] lines = out.strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }
}
