package io.homelab.observer.tracking.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MLflow 3 tracing with the real Python client ({@code $HOMELAB_TEST_PYTHON}, pip's mlflow 3.17)
 * and auth on: {@code @mlflow.trace} and nested {@code mlflow.start_span} spans arrive through the
 * OTLP endpoint and the v3 trace API, read back by get_trace and search_traces (tags, status,
 * timestamp, name, run, order), with a tag, feedback and an expectation, then deleted. A user whose
 * grant on the experiment is DENY gets 403 on every trace call; a user with READ reads but may not
 * write. Run on SQLite ({@link TracePythonClientTest}) and PostgreSQL ({@link
 * PostgresTracePythonClientTest}).
 */
public abstract class TraceClientScenario {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "/api/2.0/mlflow";

  @TestHTTPResource URL base;

  static Path python;

  @BeforeAll
  static void findPython() {
    String configured = System.getenv("HOMELAB_TEST_PYTHON");
    Path candidate =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(
                System.getProperty("homelab.repo.root", "../"), "target", "venv", "bin", "python");
    assertThat(Files.isExecutable(candidate))
        .as("MLflow Python client needed: set HOMELAB_TEST_PYTHON (scripts/test-env.sh)")
        .isTrue();
    python = candidate;
  }

  /** The first admin's password of the profile's app. */
  protected abstract String adminPassword() throws IOException;

  private String newUser(String prefix) throws IOException {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .auth()
        .preemptive()
        .basic("admin", adminPassword())
        .contentType("application/json")
        .body(Map.of("username", name, "password", name + "-password"))
        .post(API + "/users/create")
        .then()
        .statusCode(200);
    return name;
  }

  private JsonNode runPython(String script, String user, String... args) throws Exception {
    Path scriptFile = Files.createTempFile("mlflow-", ".py");
    try (var in = getClass().getResourceAsStream("/python/" + script)) {
      Files.write(scriptFile, in.readAllBytes());
    }
    List<String> cmd = new ArrayList<>(List.of(python.toString(), scriptFile.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Path stderr = Files.createTempFile("mlflow-", ".err");
    pb.redirectError(stderr.toFile());
    pb.environment().put("MLFLOW_TRACKING_URI", base.toString().replaceAll("/$", ""));
    pb.environment().put("MLFLOW_TRACKING_USERNAME", user);
    pb.environment().put("MLFLOW_TRACKING_PASSWORD", user + "-password");
    pb.environment().put("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
    pb.environment().put("GIT_PYTHON_REFRESH", "quiet");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("python finished").isTrue();
    String err = Files.readString(stderr);
    assertThat(p.exitValue()).as("python exit; stdout:\n" + out + "\nstderr:\n" + err).isZero();
    assertThat(err).as("client warnings").doesNotContain("Failed to");
    String[] lines = out.strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }

  @Test
  void realClientTracesSearchesAssessesAndDeletes() throws Exception {
    String owner = newUser("tracer");
    JsonNode r = runPython("trace_scenario.py", owner, "traces-" + UUID.randomUUID());
    String ok = r.get("ok_id").asText();
    String error = r.get("error_id").asText();

    assertThat(ok).startsWith("tr-").hasSize(35);
    assertThat(r.get("state").asText()).isEqualTo("OK");
    // The spans came through /v1/traces and are read from the store, not from an artifact.
    assertThat(r.get("spans_location").asText()).isEqualTo("TRACKING_STORE");
    assertThat(r.get("trace_name").asText()).isEqualTo("answer");
    assertThat(r.get("request_preview").asText()).contains("what is the answer?");
    assertThat(r.get("response_preview").asText()).isEqualTo("\"42\"");
    JsonNode spans = r.get("spans");
    assertThat(spans).hasSize(3);
    assertThat(spans.get(0).get("name").asText()).isEqualTo("answer");
    assertThat(spans.get(0).get("root").asBoolean()).isTrue();
    assertThat(spans.get(0).get("type").asText()).isEqualTo("CHAIN");
    assertThat(spans.get(0).get("inputs").get("question").asText())
        .isEqualTo("what is the answer?");
    assertThat(spans.get(1).get("name").asText()).isEqualTo("retrieve");
    assertThat(spans.get(1).get("type").asText()).isEqualTo("RETRIEVER");
    assertThat(spans.get(1).get("outputs").toString()).isEqualTo("[\"doc-1\",\"doc-2\"]");
    assertThat(spans.get(2).get("inputs").get("temperature").asDouble()).isEqualTo(0.5);
    assertThat(r.get("retrieve_top_k").asInt()).isEqualTo(2);
    assertThat(r.get("retrieve_parent_is_root").asBoolean()).isTrue();

    assertThat(r.get("feedback_value").asDouble()).isEqualTo(0.9);
    assertThat(r.get("feedback_rationale").asText()).isEqualTo("right answer");
    assertThat(r.get("feedback_source").asText()).isEqualTo("tester");
    assertThat(r.get("updated_expectation").asText()).isEqualTo("forty-two");
    assertThat(r.get("assessments_on_trace").toString()).isEqualTo("[\"helpfulness\"]");
    assertThat(r.get("tag_on_trace").asText()).isEqualTo("ml");

    assertThat(r.get("by_tag").toString()).isEqualTo("[\"" + ok + "\"]");
    assertThat(r.get("by_status").toString()).isEqualTo("[\"" + error + "\"]");
    assertThat(r.get("by_time").toString()).isEqualTo("[\"" + ok + "\"]");
    assertThat(r.get("oldest_first").toString()).isEqualTo("[\"" + ok + "\",\"" + error + "\"]");
    assertThat(r.get("frame_rows").asInt()).isEqualTo(2);
    assertThat(r.get("frame_has_spans").asBoolean()).isTrue();
    assertThat(r.get("by_run").toString()).isEqualTo("[\"" + ok + "\"]");
    assertThat(r.get("deleted").asInt()).isEqualTo(1);
    assertThat(r.get("after_delete").toString()).isEqualTo("[\"" + ok + "\"]");

    String experiment = r.get("experiment_id").asText();
    // A user with the default READ reads the traces but may not change them.
    String reader = newUser("trace-reader");
    JsonNode read = runPython("trace_denied.py", reader, experiment, ok);
    assertThat(read.get("search").asInt()).isEqualTo(200);
    assertThat(read.get("get_info").asInt()).isEqualTo(200);
    assertThat(read.get("get_trace").asInt()).isEqualTo(200);
    assertThat(read.get("set_tag").asInt()).isEqualTo(403);
    assertThat(read.get("delete").asInt()).isEqualTo(403);

    // A user the owner shut out (a DENY grant, MLflow 3's way) is refused everything.
    String outsider = newUser("trace-outsider");
    given()
        .auth()
        .preemptive()
        .basic(owner, owner + "-password")
        .contentType("application/json")
        .body(
            Map.of(
                "resource_type",
                "experiment",
                "resource_id",
                experiment,
                "username",
                outsider,
                "permission",
                "DENY"))
        .post("/api/3.0/mlflow/users/permissions/grant")
        .then()
        .statusCode(200);
    JsonNode denied = runPython("trace_denied.py", outsider, experiment, ok);
    assertThat(denied.get("search").asInt()).isEqualTo(403);
    assertThat(denied.get("get_info").asInt()).isEqualTo(403);
    assertThat(denied.get("get_trace").asInt()).isEqualTo(403);
    assertThat(denied.get("set_tag").asInt()).isEqualTo(403);
    assertThat(denied.get("delete").asInt()).isEqualTo(403);
  }
}
