package io.homelab.observer.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real MLflow Python client ({@code $HOMELAB_TEST_PYTHON}, pip mlflow + scikit-learn) runs the
 * users' code against our server with auth on: set_tracking_uri, set_experiment, sklearn autolog,
 * training, reading the run back, loading the logged model from {@code runs:/...} and predicting,
 * MlflowClient search / metric history / artifact download (src/test/resources/python). A wrong
 * password makes the same client fail with 401.
 */
abstract class PythonClientScenario {

  static Path python() {
    String configured = System.getenv("HOMELAB_TEST_PYTHON");
    Path python =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of(
                System.getProperty("homelab.repo.root", "."), "target", "venv", "bin", "python");
    if (!Files.isExecutable(python)) {
      fail(
          "No Python with mlflow at "
              + python
              + ": set HOMELAB_TEST_PYTHON (source target/test-env/env.sh)");
    }
    return python;
  }

  static ProcessResult runScript(String resource, Map<String, String> env)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("homelab-tracking-py");
    Path script = dir.resolve("script.py");
    try (InputStream in = PythonClientScenario.class.getResourceAsStream("/python/" + resource)) {
      Files.copy(in, script);
    }
    ProcessBuilder pb =
        new ProcessBuilder(python().toString(), script.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    // Keep the client's retries short so a failure shows up as a failure, not as minutes of
    // backoff.
    pb.environment().put("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("python script timed out");
    }
    return new ProcessResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  record ProcessResult(int exit, String output) {}

  static Map<String, String> clientEnv(String password) {
    return Map.of(
        "MLFLOW_TRACKING_URI",
        "http://127.0.0.1:" + RestAssured.port,
        "MLFLOW_TRACKING_USERNAME",
        AcceptanceProfile.ADMIN,
        "MLFLOW_TRACKING_PASSWORD",
        password,
        "HOMELAB_EXPERIMENT",
        "py-" + UUID.randomUUID(),
        "HOMELAB_LOG_MODELS",
        "1");
  }

  @Test
  void pythonClientAutologTrainingRoundTrip() throws Exception {
    ProcessResult result =
        runScript("autolog_acceptance.py", clientEnv(AcceptanceProfile.ADMIN_PASSWORD));
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("ACCEPTANCE OK");
  }

  @Test
  void pythonClientWithWrongPasswordGets401() throws Exception {
    ProcessResult result = runScript("autolog_acceptance.py", clientEnv("wrong-password"));
    assertThat(result.exit()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("401");
  }
}
