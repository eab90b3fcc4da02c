package io.homelab.observer.tracking.run;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RunResourceTest {

  static ValidatableResponse post(String path, String json) {
    return given().contentType(ContentType.JSON).body(json).post("/api/2.0/mlflow/" + path).then();
  }

  static String experiment() {
    return post("experiments/create", "{\"name\":\"runs-" + UUID.randomUUID() + "\"}")
        .statusCode(200)
        .extract()
        .path("experiment_id");
  }

  static String run(String experimentId) {
    return post(
            "runs/create",
            "{\"experiment_id\":\"" + experimentId + "\",\"start_time\":\"1700000000000\"}")
        .statusCode(200)
        .extract()
        .path("run.info.run_id");
  }

  @Test
  void wrongJsonTypesAre400WithMlflowsMessages() {
    String runId = run(experiment());
    post("runs/log-metric", "{\"run_id\":31,\"key\":\"m\",\"value\":1,\"timestamp\":5}")
        .statusCode(400)
        .body("message", containsString("Invalid value 31 for parameter 'run_id' supplied"));
    post("runs/set-tag", "{\"run_id\":\"" + runId + "\",\"key\":\"t\",\"value\":41}")
        .statusCode(400)
        .body("message", containsString("Invalid value 41 for parameter 'value' supplied"));
    post("runs/log-batch", "{\"run_id\":\"" + runId + "\",\"params\":\"foo\"}")
        .statusCode(400)
        .body("message", containsString("Invalid value \"foo\" for parameter 'params' supplied"));
    post(
            "runs/log-batch",
            "{\"run_id\":\"" + runId + "\",\"metrics\":[{\"key\":\"mae\",\"value\":2.5}]}")
        .statusCode(400)
        .body(
            "message",
            containsString("Missing value for required parameter 'metrics[0].timestamp'"));
  }

  @Test
  void createRunGetsNameTagAndProxiedArtifactUri() {
    String exp = experiment();
    String runId =
        post(
                "runs/create",
                "{\"experiment_id\":\""
                    + exp
                    + "\",\"run_name\":\"first\",\"start_time\":1700000000000}")
            .statusCode(200)
            .body("run.info.run_name", is("first"))
            .body("run.info.status", is("RUNNING"))
            .body("run.info.lifecycle_stage", is("active"))
            .body("run.data.tags.find { it.key == 'mlflow.runName' }.value", is("first"))
            .extract()
            .path("run.info.run_id");
    given()
        .get("/api/2.0/mlflow/runs/get?run_id=" + runId)
        .then()
        .statusCode(200)
        .body("run.info.run_uuid", is(runId))
        .body("run.info.artifact_uri", is("mlflow-artifacts:/" + exp + "/" + runId + "/artifacts"));
    post(
            "runs/create",
            "{\"experiment_id\":\""
                + exp
                + "\",\"run_name\":\"a\",\"tags\":[{\"key\":\"mlflow.runName\",\"value\":\"b\"}]}")
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));
  }

  @Test
  void javaClientEncodingInt64AsStringsNanAndRunUuidAlias() {
    String runId = run(experiment());
    post(
            "runs/log-metric",
            "{\"run_uuid\":\""
                + runId
                + "\",\"key\":\"loss\",\"value\":\"NaN\",\"timestamp\":\"1700000000000\",\"step\":\"0\",\"run_id\":\""
                + runId
                + "\"}")
        .statusCode(200);
    post(
            "runs/log-metric",
            "{\"run_id\":\""
                + runId
                + "\",\"key\":\"inf\",\"value\":\"Infinity\",\"timestamp\":1,\"step\":2}")
        .statusCode(200);
    given()
        .get("/api/2.0/mlflow/runs/get?run_uuid=" + runId)
        .then()
        .statusCode(200)
        .body(containsString("\"value\":\"NaN\""))
        .body(containsString("\"value\":\"Infinity\""));
  }

  @Test
  void paramOverwriteRefusedSameValueAccepted() {
    String runId = run(experiment());
    post("runs/log-parameter", "{\"run_id\":\"" + runId + "\",\"key\":\"lr\",\"value\":\"0.1\"}")
        .statusCode(200);
    post("runs/log-parameter", "{\"run_id\":\"" + runId + "\",\"key\":\"lr\",\"value\":\"0.1\"}")
        .statusCode(200);
    post("runs/log-parameter", "{\"run_id\":\"" + runId + "\",\"key\":\"lr\",\"value\":\"0.2\"}")
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"))
        .body("message", containsString("Changing param values is not allowed"));
    given()
        .get("/api/2.0/mlflow/runs/get?run_id=" + runId)
        .then()
        .body("run.data.params.find { it.key == 'lr' }.value", is("0.1"));
  }

  @Test
  void logBatchLimitsAndLatestMetric() {
    String runId = run(experiment());
    StringBuilder metrics = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      metrics
          .append(i == 0 ? "" : ",")
          .append("{\"key\":\"m\",\"value\":")
          .append(i)
          .append(",\"timestamp\":")
          .append(i)
          .append(",\"step\":")
          .append(i)
          .append("}");
    }
    post("runs/log-batch", "{\"run_id\":\"" + runId + "\",\"metrics\":[" + metrics + "]}")
        .statusCode(400)
        .body(
            "message", containsString("A batch logging request can contain at most 1000 metrics"));
    post(
            "runs/log-batch",
            "{\"run_id\":\""
                + runId
                + "\",\"metrics\":[{\"key\":\"acc\",\"value\":0.5,\"timestamp\":10,\"step\":3},"
                + "{\"key\":\"acc\",\"value\":0.9,\"timestamp\":5,\"step\":2},{\"key\":\"acc\",\"value\":0.5,\"timestamp\":10,\"step\":3}],"
                + "\"params\":[{\"key\":\"p\",\"value\":\"1\"}],\"tags\":[{\"key\":\"t\",\"value\":\"x\"},{\"key\":\"t\",\"value\":\"y\"}]}")
        .statusCode(200);
    given()
        .get("/api/2.0/mlflow/runs/get?run_id=" + runId)
        .then()
        .body("run.data.metrics.find { it.key == 'acc' }.value", is(0.5f))
        .body("run.data.metrics.find { it.key == 'acc' }.step", is(3))
        .body("run.data.tags.find { it.key == 't' }.value", is("y"));
    // The exact duplicate point was ignored: two points in the history, ordered by timestamp.
    given()
        .get("/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=acc")
        .then()
        .statusCode(200)
        .body("metrics", hasSize(2))
        .body("metrics[0].step", is(2));
    post(
            "runs/log-batch",
            "{\"run_id\":\""
                + runId
                + "\",\"params\":[{\"key\":\"q\",\"value\":\"1\"},{\"key\":\"q\",\"value\":\"2\"}]}")
        .statusCode(400)
        .body("message", containsString("Duplicate parameter keys"));
    post(
            "runs/log-batch",
            "{\"run_id\":\""
                + runId
                + "\",\"metrics\":[{\"key\":\"../x\",\"value\":1,\"timestamp\":1}]}")
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));
  }

  @Test
  void historyIsPaged() {
    String runId = run(experiment());
    StringBuilder metrics = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      metrics
          .append(i == 0 ? "" : ",")
          .append("{\"key\":\"h\",\"value\":")
          .append(i)
          .append(",\"timestamp\":")
          .append(1000 + i)
          .append(",\"step\":")
          .append(i)
          .append("}");
    }
    post("runs/log-batch", "{\"run_id\":\"" + runId + "\",\"metrics\":[" + metrics + "]}")
        .statusCode(200);
    String token =
        given()
            .get(
                "/api/2.0/mlflow/metrics/get-history?run_id="
                    + runId
                    + "&metric_key=h&max_results=10")
            .then()
            .statusCode(200)
            .body("metrics", hasSize(10))
            .body("next_page_token", notNullValue())
            .extract()
            .path("next_page_token");
    given()
        .get(
            "/api/2.0/mlflow/metrics/get-history?run_id="
                + runId
                + "&metric_key=h&max_results=20&page_token="
                + token)
        .then()
        .statusCode(200)
        .body("metrics", hasSize(15))
        .body("metrics[0].step", is(10))
        .body("next_page_token", nullValue());
    given()
        .get(
            "/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids="
                + runId
                + "&metric_key=h&max_results=5")
        .then()
        .statusCode(200)
        .body("metrics.step", hasItem(0))
        .body("metrics.step", hasItem(24));
  }

  @Test
  void deletedRunRefusesLoggingAndRestoreReopens() {
    String runId = run(experiment());
    post("runs/delete", "{\"run_id\":\"" + runId + "\"}").statusCode(200);
    post("runs/log-parameter", "{\"run_id\":\"" + runId + "\",\"key\":\"k\",\"value\":\"v\"}")
        .statusCode(400)
        .body(
            "message",
            is("The run " + runId + " must be in the 'active' state. Current state is deleted."));
    post("runs/restore", "{\"run_id\":\"" + runId + "\"}").statusCode(200);
    post(
            "runs/update",
            "{\"run_id\":\""
                + runId
                + "\",\"status\":\"FINISHED\",\"end_time\":1700000001000,\"run_name\":\"renamed\"}")
        .statusCode(200)
        .body("run_info.status", is("FINISHED"))
        .body("run_info.run_name", is("renamed"));
    post("runs/delete-tag", "{\"run_id\":\"" + runId + "\",\"key\":\"missing\"}")
        .statusCode(404)
        .body("error_code", is("RESOURCE_DOES_NOT_EXIST"));
    given()
        .get("/api/2.0/mlflow/runs/get?run_id=deadbeef")
        .then()
        .statusCode(404)
        .body("error_code", is("RESOURCE_DOES_NOT_EXIST"));
  }

  @Test
  void searchRunsWithMlflowGrammar() {
    String exp = experiment();
    String a = run(exp);
    String b = run(exp);
    String c = run(exp);
    post(
            "runs/log-batch",
            "{\"run_id\":\""
                + a
                + "\",\"metrics\":[{\"key\":\"rmse\",\"value\":0.3,\"timestamp\":1}],\"params\":[{\"key\":\"model\",\"value\":\"Forest\"}]}")
        .statusCode(200);
    post(
            "runs/log-batch",
            "{\"run_id\":\""
                + b
                + "\",\"metrics\":[{\"key\":\"rmse\",\"value\":0.1,\"timestamp\":1}],\"params\":[{\"key\":\"model\",\"value\":\"forest\"}]}")
        .statusCode(200);
    post(
            "runs/log-batch",
            "{\"run_id\":\"" + c + "\",\"tags\":[{\"key\":\"my tag\",\"value\":\"x\"}]}")
        .statusCode(200);
    post(
            "runs/search",
            "{\"experiment_ids\":[\""
                + exp
                + "\"],\"filter\":\"metrics.rmse < 1\",\"order_by\":[\"metrics.rmse ASC\"]}")
        .statusCode(200)
        .body("runs.info.run_id", is(java.util.List.of(b, a)));
    post(
            "runs/search",
            "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"params.model LIKE 'F%'\"}")
        .statusCode(200)
        .body("runs.info.run_id", is(java.util.List.of(a)));
    post(
            "runs/search",
            "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"params.model ILIKE 'f%'\"}")
        .statusCode(200)
        .body("runs", hasSize(2));
    post("runs/search", "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"tags.`my tag` = 'x'\"}")
        .statusCode(200)
        .body("runs.info.run_id", is(java.util.List.of(c)));
    post(
            "runs/search",
            "{\"experiment_ids\":[\""
                + exp
                + "\"],\"filter\":\"attributes.run_id IN ('"
                + a
                + "','"
                + c
                + "')\",\"order_by\":[\"metrics.rmse DESC\"]}")
        .statusCode(200)
        .body("runs.info.run_id", is(java.util.List.of(a, c)));
    post(
            "runs/search",
            "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"params.model IS NULL\"}")
        .statusCode(200)
        .body("runs.info.run_id", is(java.util.List.of(c)));
    String token =
        post("runs/search", "{\"experiment_ids\":[\"" + exp + "\"],\"max_results\":2}")
            .statusCode(200)
            .body("runs", hasSize(2))
            .extract()
            .path("next_page_token");
    post(
            "runs/search",
            "{\"experiment_ids\":[\""
                + exp
                + "\"],\"max_results\":2,\"page_token\":\""
                + token
                + "\"}")
        .statusCode(200)
        .body("runs", hasSize(1));
    post("runs/search", "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"metrics.rmse < 'a'\"}")
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));
    post(
            "runs/search",
            "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"params.x = 'a'; DROP TABLE runs\"}")
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));
    post("runs/delete", "{\"run_id\":\"" + c + "\"}").statusCode(200);
    post("runs/search", "{\"experiment_ids\":[\"" + exp + "\"],\"run_view_type\":\"DELETED_ONLY\"}")
        .statusCode(200)
        .body("runs.info.run_id", is(java.util.List.of(c)));
  }
}
