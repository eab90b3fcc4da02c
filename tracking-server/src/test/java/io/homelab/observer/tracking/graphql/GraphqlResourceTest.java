package io.homelab.observer.tracking.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** MLflow's {@code /graphql} on the shared test app (auth off): the queries MLflow's UI sends. */
@QuarkusTest
class GraphqlResourceTest {

  private static String post(String path, String body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  private static String experiment() {
    String name = "gql-" + UUID.randomUUID().toString().substring(0, 8);
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", name))
        .post("/api/2.0/mlflow/experiments/create")
        .then()
        .statusCode(200)
        .extract()
        .path("experiment_id");
  }

  private static String run(String experimentId) {
    return run(experimentId, 1000);
  }

  private static String run(String experimentId, long startTime) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("experiment_id", experimentId, "start_time", startTime))
        .post("/api/2.0/mlflow/runs/create")
        .then()
        .statusCode(200)
        .extract()
        .path("run.info.run_id");
  }

  private static ValidatableResponse graphql(String query) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", query, "operationName", "q"))
        .post("/graphql")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON);
  }

  @Test
  void getRunAnswersMlflowFieldNamesLongStringsAndNestedExperiment() {
    String exp = experiment();
    String run = run(exp);
    post(
        "/api/2.0/mlflow/runs/log-batch",
        "{\"run_id\":\""
            + run
            + "\",\"metrics\":[{\"key\":\"loss\",\"value\":0.5,\"timestamp\":7,\"step\":3},"
            + "{\"key\":\"bad\",\"value\":\"NaN\",\"timestamp\":8,\"step\":1}],"
            + "\"params\":[{\"key\":\"lr\",\"value\":\"0.1\"}]}");
    graphql(
            "query q @component(name: \"Test\") { mlflowGetRun(input: {runId: \""
                + run
                + "\"}) { run { info { runId status startTime endTime experimentId }"
                + " experiment { experimentId name } modelVersions { name }"
                + " data { metrics { key value step timestamp } params { key value } } } } }")
        .body("errors", nullValue())
        .body("data.mlflowGetRun.run.info.runId", is(run))
        .body("data.mlflowGetRun.run.info.status", is("RUNNING"))
        .body("data.mlflowGetRun.run.info.startTime", is("1000"))
        .body("data.mlflowGetRun.run.info.endTime", is("0"))
        .body("data.mlflowGetRun.run.experiment.experimentId", is(exp))
        .body("data.mlflowGetRun.run.modelVersions", hasSize(0))
        .body("data.mlflowGetRun.run.data.metrics.find { it.key == 'loss' }.step", is("3"))
        .body("data.mlflowGetRun.run.data.metrics.find { it.key == 'loss' }.value", is(0.5f))
        .body("data.mlflowGetRun.run.data.metrics.find { it.key == 'bad' }.value", nullValue())
        .body("data.mlflowGetRun.run.data.params[0].value", is("0.1"));
  }

  @Test
  void searchRunsBulkIntervalAndArtifactsFollowTheRestRoutes() {
    String exp = experiment();
    String first = run(exp, 2000);
    String second = run(exp, 1000);
    for (int step = 0; step < 5; step++) {
      post(
          "/api/2.0/mlflow/runs/log-metric",
          "{\"run_id\":\""
              + first
              + "\",\"key\":\"acc\",\"value\":"
              + step
              + ",\"timestamp\":"
              + (100 + step)
              + ",\"step\":"
              + step
              + "}");
    }
    graphql(
            "mutation q { mlflowSearchRuns(input: {experimentIds: [\""
                + exp
                + "\"], orderBy: [\"attributes.start_time ASC\"]}) { runs { info { runId } } } }")
        .body("errors", nullValue())
        .body("data.mlflowSearchRuns.runs.info.runId", contains(second, first));
    graphql(
            "query q { mlflowGetMetricHistoryBulkInterval(input: {runIds: [\""
                + first
                + "\"], metricKey: \"acc\"}) { metrics { key value step runId } } }")
        .body("errors", nullValue())
        .body("data.mlflowGetMetricHistoryBulkInterval.metrics", hasSize(5))
        .body("data.mlflowGetMetricHistoryBulkInterval.metrics[4].step", is("4"))
        .body("data.mlflowGetMetricHistoryBulkInterval.metrics[4].runId", is(first));
    graphql(
            "query q { mlflowListArtifacts(input: {runId: \""
                + first
                + "\"}) { rootUri files { path isDir fileSize } } }")
        .body("errors", nullValue())
        .body("data.mlflowListArtifacts.rootUri", containsString(first));
    graphql(
            "mutation q { mlflowSearchDatasets(input: {experimentIds: [\""
                + exp
                + "\"]}) { datasetSummaries { name } } }")
        .body("errors", nullValue())
        .body("data.mlflowSearchDatasets.datasetSummaries", hasSize(0));
  }

  @Test
  void unknownExperimentIsAFieldErrorAndLimitsAreEnforced() {
    graphql(
            "query q { mlflowGetExperiment(input: {experimentId: \"987654\"}) { experiment { name } } }")
        .body("data.mlflowGetExperiment", nullValue())
        .body("errors[0]", containsString("987654"));
    StringBuilder many = new StringBuilder("query q {");
    for (int i = 0; i < 12; i++) {
      many.append(" k").append(i).append(": test(inputString: \"a\") { output }");
    }
    graphql(many.append("}").toString())
        .body("data", nullValue())
        .body("errors[0]", containsString("GraphQL queries should have at most 10 root fields"));
    graphql("query q { test(inputString: \"abc\") { output } }")
        .body("data.test.output", is("abc"));
  }

  @Test
  void malformedRequestsAre400WithMlflowErrorBody() {
    given()
        .contentType(ContentType.JSON)
        .body("[{\"query\":\"{ test { output } }\"}]")
        .post("/graphql")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"query\":\"query {\"}")
        .post("/graphql")
        .then()
        .statusCode(400)
        .body("message", containsString("Invalid GraphQL query"));
  }
}
