package io.homelab.observer.tracking.artifact;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.auth.AdminBootstrap;
import io.homelab.observer.tracking.auth.AuthOnProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real MLflow Python client ({@code $HOMELAB_TEST_PYTHON}, pip's mlflow) logging and
 * downloading artifacts through the proxy with auth on, credentials from
 * MLFLOW_TRACKING_USERNAME/PASSWORD, and seeing 401 for a wrong password and 403 for a READ-only
 * user.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class ArtifactPythonClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "/api/2.0/mlflow";

  @TestHTTPResource URL base;
  @Inject ArtifactStore store;

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
        .as(
            "MLflow Python client needed: set HOMELAB_TEST_PYTHON (scripts/test-env.sh) or create "
                + candidate)
        .isTrue();
    python = candidate;
  }

  private String adminPassword() throws IOException {
    return Files.readString(Path.of(AuthOnProfile.dataDir(), AdminBootstrap.PASSWORD_FILE)).trim();
  }

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

  private JsonNode runPython(String script, String user, String password, String... args)
      throws Exception {
    Path scriptFile = Files.createTempFile("mlflow-", ".py");
    try (var in = getClass().getResourceAsStream("/python/" + script)) {
      Files.write(scriptFile, in.readAllBytes());
    }
    List<String> cmd = new java.util.ArrayList<>(List.of(python.toString(), scriptFile.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
    Path stderr = Files.createTempFile("mlflow-", ".err");
    pb.redirectError(stderr.toFile());
    String uri = base.toString().replaceAll("/$", "");
    pb.environment().put("MLFLOW_TRACKING_URI", uri);
    pb.environment().put("MLFLOW_TRACKING_USERNAME", user);
    pb.environment().put("MLFLOW_TRACKING_PASSWORD", password);
    pb.environment().put("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
    pb.environment().put("GIT_PYTHON_REFRESH", "quiet");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("python finished").isTrue();
    String err = Files.readString(stderr);
    assertThat(p.exitValue()).as("python exit; stdout:\n" + out + "\nstderr:\n" + err).isZero();
    String[] lines = out.strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }

  @Test
  void pythonClientLogsListsAndDownloadsArtifactsThroughTheProxy() throws Exception {
    String user = newUser("py");
    JsonNode r =
        runPython(
            "artifacts_roundtrip.py",
            user,
            user + "-password",
            "py-artifacts-" + UUID.randomUUID());

    String exp = r.get("experiment_id").asText();
    String run = r.get("run_id").asText();
    assertThat(r.get("artifact_uri").asText())
        .isEqualTo("mlflow-artifacts:/" + exp + "/" + run + "/artifacts");
    assertThat(r.get("top").toString()).contains("bundle", "metrics", "notes");
    assertThat(r.get("same_tree").asBoolean()).isTrue();
    assertThat(r.get("weights_sha_match").asBoolean()).isTrue();
    assertThat(r.get("text").asText()).isEqualTo("hello artifacts");
    assertThat(r.get("summary").get("acc").asDouble()).isEqualTo(0.9);
    // On disk exactly where MLflow's --artifacts-destination would have it.
    Path weights =
        store.root().resolve(exp + "/" + run + "/artifacts/bundle/nested/deeper/weights.bin");
    assertThat(Files.size(weights)).isEqualTo(3 * 1024 * 1024 + 17);
    assertThat(
            store
                .root()
                .resolve(exp + "/" + run + "/artifacts/bundle/a file with spaces & 100%.txt"))
        .hasContent("odd name");

    // Wrong password: 401 for tracking calls and artifact uploads alike.
    JsonNode wrong = runPython("expect_denied.py", user, "not-the-password", run);
    assertThat(wrong.get("get_run").asInt()).isEqualTo(401);
    assertThat(wrong.get("log_artifact").asInt()).isEqualTo(401);

    // Another user with the default READ: may read the run, may not upload into it.
    String reader = newUser("reader");
    JsonNode denied = runPython("expect_denied.py", reader, reader + "-password", run);
    assertThat(denied.get("get_run").asInt()).isEqualTo(200);
    assertThat(denied.get("log_artifact").asInt()).isEqualTo(403);
    assertThat(store.root().resolve(exp + "/" + run + "/artifacts/denied.txt")).doesNotExist();
  }
}
