package io.homelab.observer.tracking.scorers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** MLflow 3's scorer API on the shared test app (auth off): shapes, versions, errors. */
@QuarkusTest
class ScorerResourceTest {

  private static final String SCORERS = "/api/3.0/mlflow/scorers/";

  private static String newExperiment() {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("name", "scorers-" + UUID.randomUUID()))
        .post("/api/2.0/mlflow/experiments/create")
        .then()
        .statusCode(200)
        .extract()
        .path("experiment_id");
  }

  private static ValidatableResponse register(String experiment, String name, String serialized) {
    Map<String, Object> body = new HashMap<>();
    body.put("experiment_id", experiment);
    body.put("name", name);
    body.put("serialized_scorer", serialized);
    return given().contentType(ContentType.JSON).body(body).post(SCORERS + "register").then();
  }

  private static ValidatableResponse get(String route, Map<String, ?> params) {
    return given().queryParams(params).get(SCORERS + route).then();
  }

  private static ValidatableResponse delete(Map<String, ?> body) {
    return given().contentType(ContentType.JSON).body(body).delete(SCORERS + "delete").then();
  }

  @Test
  void registeringANameAgainAddsAVersionAndListShowsTheLatest() {
    String exp = newExperiment();
    String id =
        register(exp, "relevance", "{\"name\":\"relevance\",\"v\":1}")
            .statusCode(200)
            .body("version", is(1))
            .body("experiment_id", is(exp))
            .body("name", is("relevance"))
            .body("serialized_scorer", is("{\"name\":\"relevance\",\"v\":1}"))
            .extract()
            .path("scorer_id");
    register(exp, "relevance", "{\"v\":2}")
        .statusCode(200)
        .body("version", is(2))
        .body("scorer_id", is(id));
    register(exp, "a-first", "{}").statusCode(200).body("version", is(1));

    get("list", Map.of("experiment_id", exp))
        .statusCode(200)
        .body("scorers.scorer_name", is(List.of("a-first", "relevance")))
        .body("scorers[1].scorer_version", is(2))
        .body("scorers[1].experiment_id", is(Integer.parseInt(exp)))
        .body("scorers[1].scorer_id", is(id))
        .body("scorers[1].serialized_scorer", is("{\"v\":2}"));
    get("versions", Map.of("experiment_id", exp, "name", "relevance"))
        .statusCode(200)
        .body("scorers.scorer_version", is(List.of(1, 2)));
    get("get", Map.of("experiment_id", exp, "name", "relevance"))
        .statusCode(200)
        .body("scorer.scorer_version", is(2));
    get("get", Map.of("experiment_id", exp, "name", "relevance", "version", "1"))
        .statusCode(200)
        .body("scorer.serialized_scorer", is("{\"name\":\"relevance\",\"v\":1}"));
    // The UI's twin route answers the same.
    given()
        .queryParam("experiment_id", exp)
        .get("/ajax-api/3.0/mlflow/scorers/list")
        .then()
        .statusCode(200)
        .body("scorers.size()", is(2));
  }

  @Test
  void deletingAVersionKeepsTheOthersAndDeletingTheScorerRemovesAll() {
    String exp = newExperiment();
    register(exp, "judge", "{\"v\":1}").statusCode(200);
    register(exp, "judge", "{\"v\":2}").statusCode(200);
    delete(Map.of("experiment_id", exp, "name", "judge", "version", 1)).statusCode(200);
    get("versions", Map.of("experiment_id", exp, "name", "judge"))
        .body("scorers.scorer_version", is(List.of(2)));
    delete(Map.of("experiment_id", exp, "name", "judge", "version", 1))
        .statusCode(404)
        .body("error_code", is("RESOURCE_DOES_NOT_EXIST"))
        .body(
            "message",
            is("Scorer with name 'judge' and version 1 not found for experiment " + exp + "."));
    delete(Map.of("experiment_id", exp, "name", "judge")).statusCode(200);
    get("list", Map.of("experiment_id", exp)).statusCode(200).body("scorers", is(List.of()));
    get("get", Map.of("experiment_id", exp, "name", "judge"))
        .statusCode(404)
        .body("message", is("Scorer with name 'judge' not found for experiment " + exp + "."));
    // A new registration starts again at version 1.
    register(exp, "judge", "{}").statusCode(200).body("version", is(1));
  }

  @Test
  void badRequestsGetMlflowsErrors() {
    String exp = newExperiment();
    register(null, "x", "{}")
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"))
        .body("message", containsString("Missing value for required parameter 'experiment_id'"));
    register(exp, "x", "not json")
        .statusCode(400)
        .body("message", is("serialized_scorer must be valid JSON"));
    register(exp, "   ", "{}")
        .statusCode(400)
        .body("message", is("Scorer name cannot be empty or contain only whitespace."));
    // Decorator scorers carry code that a server deserialising them would execute.
    register(exp, "custom", "{\"call_source\":\"import os\"}")
        .statusCode(400)
        .body("message", containsString("Custom scorer registration (using @scorer decorator)"));
    register(
            exp,
            "ragas",
            "{\"ensemble_scorer_data\":{\"scorers\":[{\"third_party_scorer_data\":"
                + "{\"kwargs\":{\"completion_kwargs\":{\"api_base\":\"http://evil\"}}}}]}}")
        .statusCode(400)
        .body("message", containsString("must not contain 'api_base'"));
    register(exp, "m", "{\"builtin_scorer_pydantic_data\":{\"model\":\" \"}}")
        .statusCode(400)
        .body("message", is("Scorer model cannot be empty or contain only whitespace."));
    register("987654321", "x", "{}")
        .statusCode(404)
        .body("message", is("No Experiment with id=987654321 exists"));
    get("get", Map.of("experiment_id", exp, "name", "x", "version", "one"))
        .statusCode(400)
        .body("message", containsString("for parameter 'version' supplied"));
    get("list", Map.of("experiment_id", exp, "experiment_ids", exp))
        .statusCode(400)
        .body(
            "message", containsString("Cannot specify both 'experiment_id' and 'experiment_ids'"));
    // Nothing was stored by the refused requests.
    get("list", Map.of("experiment_id", exp)).body("scorers", is(List.of()));

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("experiment_id", exp))
        .post("/api/2.0/mlflow/experiments/delete")
        .then()
        .statusCode(200);
    register(exp, "late", "{}")
        .statusCode(400)
        .body("message", containsString("must be in the 'active' state"));
  }

  @Test
  void crossExperimentListIsOrderedAndSkipsDeletedExperiments() {
    String a = newExperiment();
    String b = newExperiment();
    String gone = newExperiment();
    register(b, "with/slash", "{}").statusCode(200);
    register(a, "zeta", "{}").statusCode(200);
    register(b, "beta", "{}").statusCode(200);
    register(gone, "ghost", "{}").statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("experiment_id", gone))
        .post("/api/2.0/mlflow/experiments/delete")
        .then()
        .statusCode(200);
    List<Map<String, Object>> all = get("list", Map.of()).statusCode(200).extract().path("scorers");
    List<String> mine =
        all.stream()
            .filter(s -> List.of(a, b, gone).contains(String.valueOf(s.get("experiment_id"))))
            .map(s -> s.get("experiment_id") + ":" + s.get("scorer_name"))
            .toList();
    // Ordered by (experiment id, name) as MLflow's store orders them.
    org.assertj.core.api.Assertions.assertThat(mine)
        .containsExactly(a + ":zeta", b + ":beta", b + ":with/slash");
    given()
        .queryParam("experiment_ids", b)
        .queryParam("experiment_ids", gone)
        .get(SCORERS + "list")
        .then()
        .statusCode(200)
        .body("scorers.scorer_name", is(List.of("beta", "with/slash")));
  }

  private static ValidatableResponse upsert(Map<String, Object> body) {
    return given().contentType(ContentType.JSON).body(body).put(SCORERS + "online-config").then();
  }

  @Test
  void onlineScoringConfigNeedsAGatewayJudgeAndIsReplacedOnUpdate() {
    String exp = newExperiment();
    String id =
        register(
                exp,
                "judge",
                "{\"instructions_judge_pydantic_data\":{\"model\":\"gateway:/my-endpoint\","
                    + "\"instructions\":\"Is {{ outputs }} polite?\"}}")
            .statusCode(200)
            .extract()
            .path("scorer_id");
    register(exp, "local", "{\"builtin_scorer_pydantic_data\":{\"model\":\"openai:/gpt-4\"}}")
        .statusCode(200);

    String configId =
        upsert(
                Map.of(
                    "experiment_id",
                    exp,
                    "name",
                    "judge",
                    "sample_rate",
                    0.5,
                    "filter_string",
                    "status = 'OK'"))
            .statusCode(200)
            .body("config.scorer_id", is(id))
            .body("config.sample_rate", is(0.5f))
            .body("config.experiment_id", is(exp))
            .body("config.filter_string", is("status = 'OK'"))
            .extract()
            .path("config.online_scoring_config_id");
    upsert(Map.of("experiment_id", exp, "name", "judge", "sample_rate", 0.8))
        .statusCode(200)
        .body("config.online_scoring_config_id", not(configId))
        .body("config.filter_string", nullValue());
    given()
        .queryParam("scorer_ids", id)
        .queryParam("scorer_ids", "no-such-scorer")
        .get(SCORERS + "online-configs")
        .then()
        .statusCode(200)
        .body("configs.size()", is(1))
        .body("configs[0].sample_rate", is(0.8f))
        .body("configs[0]", not(hasItems("filter_string")));

    upsert(Map.of("experiment_id", exp, "name", "local", "sample_rate", 0.5))
        .statusCode(400)
        .body("message", containsString("does not use a gateway model"));
    // A rate of 0 turns scoring off and is accepted for any scorer.
    upsert(Map.of("experiment_id", exp, "name", "local", "sample_rate", 0)).statusCode(200);
    upsert(Map.of("experiment_id", exp, "name", "judge", "sample_rate", 1.5))
        .statusCode(400)
        .body("message", is("sample_rate must be between 0.0 and 1.0, got 1.5"));
    upsert(Map.of("experiment_id", exp, "name", "judge", "sample_rate", 0.5, "filter_string", 3))
        .statusCode(400)
        .body("message", containsString("Expected type 'str' or None."));
    upsert(
            Map.of(
                "experiment_id",
                exp,
                "name",
                "judge",
                "sample_rate",
                0.5,
                "filter_string",
                "status = = 'OK'"))
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));
    upsert(Map.of("experiment_id", exp, "name", "nobody", "sample_rate", 0.5))
        .statusCode(404)
        .body("message", is("Scorer with name 'nobody' not found for experiment " + exp + "."));
    // The refused updates left the stored configuration alone.
    given()
        .queryParam("scorer_ids", id)
        .get(SCORERS + "online-configs")
        .then()
        .body("configs[0].sample_rate", is(0.8f));

    // Deleting the scorer deletes its configuration.
    delete(Map.of("experiment_id", exp, "name", "judge")).statusCode(200);
    given()
        .queryParam("scorer_ids", id)
        .get(SCORERS + "online-configs")
        .then()
        .statusCode(200)
        .body("configs", is(List.of()));
  }
}
