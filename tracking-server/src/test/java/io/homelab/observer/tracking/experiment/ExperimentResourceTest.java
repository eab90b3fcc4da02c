package io.homelab.observer.tracking.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExperimentResourceTest {

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String create(String name) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + name + "\"}")
        .post("/api/2.0/mlflow/experiments/create")
        .then()
        .statusCode(200)
        .extract()
        .path("experiment_id");
  }

  @Test
  void defaultExperimentZeroExists() {
    given()
        .get("/api/2.0/mlflow/experiments/get?experiment_id=0")
        .then()
        .statusCode(200)
        .body("experiment.name", is("Default"))
        .body("experiment.artifact_location", is("mlflow-artifacts:/0"))
        .body("experiment.lifecycle_stage", is("active"));
  }

  @Test
  void createGetByNameAndDuplicateIs400AlreadyExists() {
    String name = unique("exp");
    String id = create(name);
    given()
        .get("/ajax-api/2.0/mlflow/experiments/get-by-name?experiment_name=" + name)
        .then()
        .statusCode(200)
        .body("experiment.experiment_id", is(id))
        .body("experiment.artifact_location", is("mlflow-artifacts:/" + id));
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + name + "\"}")
        .post("/api/2.0/preview/mlflow/experiments/create")
        .then()
        .statusCode(400)
        .body("error_code", is("RESOURCE_ALREADY_EXISTS"))
        .body("message", is("Experiment(name=" + name + ") already exists."));
  }

  @Test
  void unknownExperimentIs404WithMlflowBody() {
    given()
        .get("/api/2.0/mlflow/experiments/get?experiment_id=987654")
        .then()
        .statusCode(404)
        .body("error_code", is("RESOURCE_DOES_NOT_EXIST"))
        .body("message", is("No Experiment with id=987654 exists"));
    given()
        .get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=nope-" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("error_code", is("RESOURCE_DOES_NOT_EXIST"));
  }

  @Test
  void missingNameIsInvalidParameterValue() {
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/2.0/mlflow/experiments/create")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"))
        .body("message", containsString("Missing value for required parameter 'name'"));
  }

  @Test
  void wrongTypeNamesTheParameterButNoJavaClass() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"max_results\":\"abc\"}")
        .post("/api/2.0/mlflow/experiments/search")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"))
        .body(
            "message",
            containsString(
                "Invalid value \"abc\" for parameter 'max_results' supplied:  Hint: Value was of"
                    + " type 'str'."))
        .body("message", org.hamcrest.Matchers.not(containsString("java.")));
  }

  @Test
  void aNumberWhereAStringBelongsIs400WithMlflowsMessageNotCoercedToText() {
    // MLflow's _assert_string: {"name": 123} must not create an experiment called "123".
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":123}")
        .post("/api/2.0/mlflow/experiments/create")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"))
        .body("message", containsString("Invalid value 123 for parameter 'name' supplied"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"typed\",\"tags\":\"5\"}")
        .post("/api/2.0/mlflow/experiments/create")
        .then()
        .statusCode(400)
        .body("message", containsString("Invalid value \"5\" for parameter 'tags' supplied"));
    given()
        .queryParam("experiment_name", "typed")
        .get("/api/2.0/mlflow/experiments/get-by-name")
        .then()
        .statusCode(404);
  }

  @Test
  void postWithoutJsonContentTypeIsRefused() {
    given()
        .contentType(ContentType.TEXT)
        .body("{\"name\":\"x\"}")
        .post("/api/2.0/mlflow/experiments/create")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"))
        .body("message", is("Bad Request. Content-Type must be one of ['application/json']."));
  }

  @Test
  void doubleEncodedBodyIsAccepted() {
    String name = unique("dbl");
    given()
        .contentType(ContentType.JSON)
        .body("\"{\\\"name\\\":\\\"" + name + "\\\"}\"")
        .post("/api/2.0/mlflow/experiments/create")
        .then()
        .statusCode(200)
        .body("experiment_id", notNullValue());
  }

  @Test
  void deleteRestoreRenameAndTags() {
    String id = create(unique("life"));
    String renamed = unique("renamed");
    given()
        .contentType(ContentType.JSON)
        .body("{\"experiment_id\":\"" + id + "\",\"key\":\"team\",\"value\":\"ml\"}")
        .post("/api/2.0/mlflow/experiments/set-experiment-tag")
        .then()
        .statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body("{\"experiment_id\":\"" + id + "\",\"new_name\":\"" + renamed + "\"}")
        .post("/api/2.0/mlflow/experiments/update")
        .then()
        .statusCode(200);
    given()
        .get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
        .then()
        .body("experiment.name", is(renamed))
        .body("experiment.tags[0].key", is("team"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"experiment_id\":\"" + id + "\"}")
        .post("/api/2.0/mlflow/experiments/delete")
        .then()
        .statusCode(200);
    given()
        .get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
        .then()
        .body("experiment.lifecycle_stage", is("deleted"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"experiment_id\":\"" + id + "\",\"new_name\":\"x" + renamed + "\"}")
        .post("/api/2.0/mlflow/experiments/update")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"experiment_id\":\"" + id + "\"}")
        .post("/api/2.0/mlflow/experiments/restore")
        .then()
        .statusCode(200);
    given()
        .get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
        .then()
        .body("experiment.lifecycle_stage", is("active"));
  }

  @Test
  void searchFiltersOrdersAndPages() {
    String prefix = unique("srch");
    create(prefix + "-a");
    create(prefix + "-b");
    create(prefix + "-c");
    String token =
        given()
            .contentType(ContentType.JSON)
            .body(
                "{\"filter\":\"name LIKE '"
                    + prefix
                    + "%'\",\"order_by\":[\"name DESC\"],\"max_results\":2}")
            .post("/api/2.0/mlflow/experiments/search")
            .then()
            .statusCode(200)
            .body("experiments.size()", is(2))
            .body("experiments[0].name", is(prefix + "-c"))
            .body("next_page_token", notNullValue())
            .extract()
            .path("next_page_token");
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"filter\":\"name LIKE '"
                + prefix
                + "%'\",\"order_by\":[\"name DESC\"],\"max_results\":2,\"page_token\":\""
                + token
                + "\"}")
        .post("/api/2.0/mlflow/experiments/search")
        .then()
        .statusCode(200)
        .body("experiments.size()", is(1))
        .body("experiments[0].name", is(prefix + "-a"))
        .body("next_page_token", nullValue());
    // LIKE is case-sensitive, ILIKE is not (MLflow's rule, on SQLite too).
    given()
        .contentType(ContentType.JSON)
        .body("{\"filter\":\"name LIKE '" + prefix.toUpperCase() + "%'\"}")
        .post("/api/2.0/mlflow/experiments/search")
        .then()
        .statusCode(200)
        .body(
            "experiments", org.hamcrest.Matchers.anyOf(nullValue(), org.hamcrest.Matchers.empty()));
    given()
        .contentType(ContentType.JSON)
        .body("{\"filter\":\"name ILIKE '" + prefix.toUpperCase() + "%'\"}")
        .post("/api/2.0/mlflow/experiments/search")
        .then()
        .statusCode(200)
        .body("experiments.name", hasItem(prefix + "-b"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"filter\":\"name = 'x' OR name = 'y'\"}")
        .post("/api/2.0/mlflow/experiments/search")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"page_token\":\"garbage!\"}")
        .post("/api/2.0/mlflow/experiments/search")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));
  }

  @Test
  void healthAndVersion() {
    given().get("/health").then().statusCode(200).body(is("OK"));
    given().get("/version").then().statusCode(200);
  }
}
