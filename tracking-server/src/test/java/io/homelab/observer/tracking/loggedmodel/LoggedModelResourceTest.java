package io.homelab.observer.tracking.loggedmodel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Logged-model search by datasets and the registry's mlflow.modelVersions tag (auth off). */
@QuarkusTest
class LoggedModelResourceTest {

  private static final String API = "/api/2.0/mlflow/";

  private static JsonPath post(String path, Object body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post(API + path)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String experiment() {
    return post("experiments/create", Map.of("name", "lm-" + UUID.randomUUID()))
        .getString("experiment_id");
  }

  @Test
  void datasetsKeepOnlyModelsWithAMetricOnThem() {
    String exp = experiment();
    String scored =
        post("logged-models", Map.of("experiment_id", exp)).getString("model.info.model_id");
    post("logged-models", Map.of("experiment_id", exp));
    String run = post("runs/create", Map.of("experiment_id", exp)).getString("run.info.run_id");
    post(
        "runs/log-metric",
        Map.of(
            "run_id",
            run,
            "key",
            "acc",
            "value",
            0.9,
            "timestamp",
            1,
            "model_id",
            scored,
            "dataset_name",
            "eval",
            "dataset_digest",
            "d1"));
    Map<String, Object> search =
        Map.of(
            "experiment_ids", List.of(exp),
            "datasets", List.of(Map.of("dataset_name", "eval", "dataset_digest", "d1")));
    given()
        .contentType(ContentType.JSON)
        .body(search)
        .post(API + "logged-models/search")
        .then()
        .body("models.info.model_id", contains(scored));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "experiment_ids", List.of(exp),
                "filter", "metrics.acc > 0.5",
                "datasets", List.of(Map.of("dataset_name", "other"))))
        .post(API + "logged-models/search")
        .then()
        .statusCode(200)
        .body(
            "models",
            org.hamcrest.Matchers.anyOf(
                org.hamcrest.Matchers.nullValue(), org.hamcrest.Matchers.empty()));
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "experiment_ids",
                List.of(exp),
                "datasets",
                List.of(Map.of("dataset_digest", "d1"))))
        .post(API + "logged-models/search")
        .then()
        .statusCode(400)
        .body(
            "message",
            containsString("`dataset_name` in the `datasets` clause must be specified."));
  }

  @Test
  void aVersionMadeFromALoggedModelIsListedInItsModelVersionsTag() {
    String exp = experiment();
    JsonPath model = post("logged-models", Map.of("experiment_id", exp));
    String id = model.getString("model.info.model_id");
    String location = model.getString("model.info.artifact_uri");
    String name = "reg-" + UUID.randomUUID();
    post("registered-models/create", Map.of("name", name));
    for (int i = 0; i < 2; i++) {
      post("model-versions/create", Map.of("name", name, "source", location, "model_id", id));
    }
    given()
        .get(API + "logged-models/" + id)
        .then()
        .statusCode(200)
        .body(
            "model.info.tags",
            hasItem(
                Map.of(
                    "key",
                    "mlflow.modelVersions",
                    "value",
                    "[{\"name\": \""
                        + name
                        + "\", \"version\": 1}, {\"name\": \""
                        + name
                        + "\", \"version\": 2}]")));
  }
}
