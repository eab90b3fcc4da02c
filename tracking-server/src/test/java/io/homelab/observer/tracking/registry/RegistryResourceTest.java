package io.homelab.observer.tracking.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistryResourceTest {

  static ValidatableResponse send(String method, String path, String json) {
    return given()
        .contentType(ContentType.JSON)
        .body(json)
        .request(method, "/api/2.0/mlflow/" + path)
        .then();
  }

  @Test
  void registerVersionsAliasesStagesAndSearch() {
    String name = "model-" + UUID.randomUUID();
    send(
            "POST",
            "registered-models/create",
            "{\"name\":\"" + name + "\",\"tags\":[{\"key\":\"team\",\"value\":\"ml\"}]}")
        .statusCode(200)
        .body("registered_model.name", is(name));
    send("POST", "registered-models/create", "{\"name\":\"" + name + "\"}")
        .statusCode(400)
        .body("error_code", is("RESOURCE_ALREADY_EXISTS"));
    send(
            "POST",
            "model-versions/create",
            "{\"name\":\""
                + name
                + "\",\"source\":\"mlflow-artifacts:/1/abc/artifacts/model\",\"run_id\":\"abc\"}")
        .statusCode(200)
        .body("model_version.version", is("1"))
        .body("model_version.status", is("READY"))
        .body("model_version.current_stage", is("None"));
    send(
            "POST",
            "model-versions/create",
            "{\"name\":\"" + name + "\",\"source\":\"s3://bucket/model\"}")
        .statusCode(200)
        .body("model_version.version", is("2"));
    send(
            "POST",
            "registered-models/alias",
            "{\"name\":\"" + name + "\",\"alias\":\"champion\",\"version\":\"2\"}")
        .statusCode(200);
    given()
        .get("/api/2.0/mlflow/registered-models/alias?name=" + name + "&alias=champion")
        .then()
        .statusCode(200)
        .body("model_version.version", is("2"))
        .body("model_version.aliases", hasItem("champion"));
    send(
            "POST",
            "registered-models/alias",
            "{\"name\":\"" + name + "\",\"alias\":\"latest\",\"version\":\"2\"}")
        .statusCode(400);
    send(
            "POST",
            "model-versions/transition-stage",
            "{\"name\":\"" + name + "\",\"version\":\"1\",\"stage\":\"production\"}")
        .statusCode(200)
        .body("model_version.current_stage", is("Production"));
    send(
            "POST",
            "registered-models/get-latest-versions",
            "{\"name\":\"" + name + "\",\"stages\":[\"Production\"]}")
        .statusCode(200)
        .body("model_versions", hasSize(1))
        .body("model_versions[0].version", is("1"));
    given()
        .queryParam("filter", "name = '" + name + "'")
        .get("/api/2.0/mlflow/model-versions/search")
        .then()
        .statusCode(200)
        .body("model_versions", hasSize(2));
    given()
        .queryParam("filter", "tags.team = 'ml'")
        .queryParam("max_results", 1000)
        .get("/api/2.0/mlflow/registered-models/search")
        .then()
        .statusCode(200)
        .body("registered_models.name", hasItem(name));
    given()
        .get("/api/2.0/mlflow/model-versions/get-download-uri?name=" + name + "&version=2")
        .then()
        .statusCode(200)
        .body("artifact_uri", is("s3://bucket/model"));
    send("DELETE", "model-versions/delete", "{\"name\":\"" + name + "\",\"version\":\"2\"}")
        .statusCode(200);
    given()
        .get("/api/2.0/mlflow/model-versions/get?name=" + name + "&version=2")
        .then()
        .statusCode(404)
        .body("error_code", is("RESOURCE_DOES_NOT_EXIST"));
    send(
            "POST",
            "model-versions/create",
            "{\"name\":\"" + name + "\",\"source\":\"s3://bucket/model3\"}")
        .statusCode(200)
        .body("model_version.version", is("3"));
    String renamed = name + "-renamed";
    send(
            "POST",
            "registered-models/rename",
            "{\"name\":\"" + name + "\",\"new_name\":\"" + renamed + "\"}")
        .statusCode(200)
        .body("registered_model.name", is(renamed));
    send("DELETE", "registered-models/delete", "{\"name\":\"" + renamed + "\"}").statusCode(200);
    given().get("/api/2.0/mlflow/registered-models/get?name=" + renamed).then().statusCode(404);
  }

  @Test
  void modelVersionSourcesThatReachServerFilesAreRefused() {
    String name = "src-" + UUID.randomUUID();
    send("POST", "registered-models/create", "{\"name\":\"" + name + "\"}").statusCode(200);
    for (String source :
        new String[] {
          "file:///etc/passwd",
          "/etc/passwd",
          "relative/path",
          "mlflow-artifacts:/1/../../etc",
          "mlflow-artifacts:/1/%252e%252e/%252e%252e/etc",
          "s3://b/x#frag",
          "s3://b/x?y=1",
          "file://./etc",
          "C:\\\\Windows"
        }) {
      send(
              "POST",
              "model-versions/create",
              "{\"name\":\"" + name + "\",\"source\":\"" + source + "\"}")
          .statusCode(400)
          .body("error_code", is("INVALID_PARAMETER_VALUE"));
    }
  }

  @Test
  void loggedModelLifecycleAndRunInputs() {
    String exp =
        send("POST", "experiments/create", "{\"name\":\"lm-" + UUID.randomUUID() + "\"}")
            .statusCode(200)
            .extract()
            .path("experiment_id");
    String run =
        send("POST", "runs/create", "{\"experiment_id\":\"" + exp + "\"}")
            .statusCode(200)
            .extract()
            .path("run.info.run_id");
    String modelId =
        send(
                "POST",
                "logged-models",
                "{\"experiment_id\":\""
                    + exp
                    + "\",\"name\":\"model\",\"source_run_id\":\""
                    + run
                    + "\",\"params\":[{\"key\":\"C\",\"value\":\"1\"}],\"tags\":[{\"key\":\"t\",\"value\":\"v\"}]}")
            .statusCode(200)
            .body("model.info.status", is("LOGGED_MODEL_PENDING"))
            .body(
                "model.info.artifact_uri",
                containsString("mlflow-artifacts:/" + exp + "/models/m-"))
            .extract()
            .path("model.info.model_id");
    send(
            "PATCH",
            "logged-models/" + modelId,
            "{\"model_id\":\"" + modelId + "\",\"status\":\"LOGGED_MODEL_READY\"}")
        .statusCode(200)
        .body("model.info.status", is("LOGGED_MODEL_READY"));
    send(
            "POST",
            "logged-models/search",
            "{\"experiment_ids\":[\"" + exp + "\"],\"filter\":\"name = 'model'\"}")
        .statusCode(200)
        .body("models[0].info.model_id", is(modelId))
        .body("models[0].info.source_run_id", is(run));
    send(
            "POST",
            "runs/outputs",
            "{\"run_id\":\""
                + run
                + "\",\"models\":[{\"model_id\":\""
                + modelId
                + "\",\"step\":0}]}")
        .statusCode(200);
    send(
            "POST",
            "runs/log-metric",
            "{\"run_id\":\""
                + run
                + "\",\"key\":\"acc\",\"value\":0.9,\"timestamp\":1,\"model_id\":\""
                + modelId
                + "\"}")
        .statusCode(200);
    given()
        .get("/api/2.0/mlflow/logged-models/" + modelId)
        .then()
        .statusCode(200)
        .body("model.data.params[0].key", is("C"))
        .body("model.data.metrics[0].key", is("acc"));
    send(
            "POST",
            "runs/log-inputs",
            "{\"run_id\":\""
                + run
                + "\",\"datasets\":[{\"tags\":[{\"key\":\"mlflow.data.context\",\"value\":\"train\"}],"
                + "\"dataset\":{\"name\":\"iris\",\"digest\":\"abc123\",\"source_type\":\"local\",\"source\":\"{}\"}}]}")
        .statusCode(200);
    given()
        .get("/api/2.0/mlflow/runs/get?run_id=" + run)
        .then()
        .statusCode(200)
        .body("run.inputs.dataset_inputs[0].dataset.name", is("iris"))
        .body("run.outputs.model_outputs[0].model_id", is(modelId));
    send(
            "POST",
            "runs/search",
            "{\"experiment_ids\":[\""
                + exp
                + "\"],\"filter\":\"datasets.context = 'train' and datasets.name = 'iris'\"}")
        .statusCode(200)
        .body("runs", hasSize(1));
    send("DELETE", "logged-models/" + modelId, "{}").statusCode(200);
    given().get("/api/2.0/mlflow/logged-models/" + modelId).then().statusCode(404);
  }

  @Test
  void promptVersionsTakeOnlyMlflowsPlaceholderSourcesAndLatestAliasResolves() {
    String name = "prompt-" + UUID.randomUUID();
    String promptTag = "{\"key\":\"mlflow.prompt.is_prompt\",\"value\":\"true\"}";
    send(
            "POST",
            "registered-models/create",
            "{\"name\":\"" + name + "\",\"tags\":[" + promptTag + "]}")
        .statusCode(200);
    String version =
        "{\"name\":\""
            + name
            + "\",\"source\":\"%s\",\"tags\":[{\"key\":\"mlflow.prompt.text\",\"value\":\"Hi {{x}}\"}%s]}";
    send("POST", "model-versions/create", version.formatted("dummy-source", "," + promptTag))
        .statusCode(200)
        .body("model_version.version", is("1"));
    send("POST", "model-versions/create", version.formatted("prompt-template", "," + promptTag))
        .statusCode(200)
        .body("model_version.version", is("2"));
    // Any other source of a prompt version is refused, as MLflow's handler does ...
    send("POST", "model-versions/create", version.formatted("s3://bucket/x", "," + promptTag))
        .statusCode(400)
        .body("message", containsString("Prompt sources must use an MLflow placeholder"));
    // ... and a placeholder is no source for a version that is not a prompt.
    send("POST", "model-versions/create", version.formatted("dummy-source", ""))
        .statusCode(400)
        .body("message", containsString("Invalid model version source: 'dummy-source'"));
    given()
        .queryParam("name", name)
        .queryParam("alias", "latest")
        .get("/api/2.0/mlflow/registered-models/alias")
        .then()
        .statusCode(200)
        .body("model_version.version", is("2"));
  }
}
