package io.homelab.observer.tracking.artifact;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /get-artifact, /model-versions/get-artifact and artifacts/list on the shared test app (auth off).
 */
@QuarkusTest
class RunArtifactResourceTest {

  private static final String API = "/api/2.0/mlflow";

  @Inject ArtifactStore store;
  Path outside;

  @BeforeEach
  void sentinel() throws IOException {
    outside = Files.createDirectories(store.root().getParent().resolve("outside-sentinel"));
    Files.writeString(outside.resolve("secret.txt"), "top secret");
  }

  private static RequestSpecification json() {
    return given().contentType("application/json");
  }

  private String experiment(Map<String, Object> body) {
    return json()
        .body(body)
        .post(API + "/experiments/create")
        .then()
        .statusCode(200)
        .extract()
        .path("experiment_id");
  }

  private String run(String experimentId) {
    return json()
        .body(Map.of("experiment_id", experimentId, "start_time", 1))
        .post(API + "/runs/create")
        .then()
        .statusCode(200)
        .extract()
        .path("run.info.run_id");
  }

  @Test
  void servesRunArtifactsFromTheProxyRoot() throws IOException {
    String exp = experiment(Map.of("name", "ra-" + UUID.randomUUID()));
    String run = run(exp);
    Files.createDirectories(store.root().resolve(exp + "/" + run + "/artifacts/model"));
    Files.writeString(
        store.root().resolve(exp + "/" + run + "/artifacts/model/MLmodel"), "flavors: {}");
    Files.writeString(store.root().resolve(exp + "/" + run + "/artifacts/metrics.json"), "{}");

    given()
        .queryParam("run_uuid", run)
        .queryParam("path", "model/MLmodel")
        .get("/get-artifact")
        .then()
        .statusCode(200)
        .body(equalTo("flavors: {}"))
        .header("Content-Disposition", containsString("attachment"));
    given()
        .queryParam("run_id", run)
        .get(API + "/artifacts/list")
        .then()
        .statusCode(200)
        .body("root_uri", is("mlflow-artifacts:/" + exp + "/" + run + "/artifacts"))
        .body("files.path", org.hamcrest.Matchers.contains("metrics.json", "model"));
    given()
        .queryParam("run_id", run)
        .queryParam("path", "model")
        .get(API + "/artifacts/list")
        .then()
        .statusCode(200)
        .body("files[0].path", is("model/MLmodel"))
        .body("files[0].file_size", is(11));
    given()
        .queryParam("run_id", "0123456789abcdef0123456789abcdef")
        .queryParam("path", "x")
        .get("/get-artifact")
        .then()
        .statusCode(404)
        .body("error_code", is("RESOURCE_DOES_NOT_EXIST"));
    given()
        .queryParam("run_id", run)
        .get("/get-artifact")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));
  }

  @Test
  void theUisUploadArtifactWritesIntoTheRunAndChecksLikeMlflow() {
    String exp = experiment(Map.of("name", "up-" + UUID.randomUUID()));
    String run = run(exp);
    String upload = "/ajax-api/2.0/mlflow/upload-artifact";
    given()
        .queryParam("run_uuid", run)
        .queryParam("path", "notes/hello.txt")
        .body("hello world")
        .post(upload)
        .then()
        .statusCode(200);
    given()
        .queryParam("run_uuid", run)
        .queryParam("path", "notes/hello.txt")
        .get("/get-artifact")
        .then()
        .statusCode(200)
        .body(equalTo("hello world"));
    given()
        .post(upload)
        .then()
        .statusCode(400)
        .body("message", is("Request must specify run_uuid."));
    given()
        .queryParam("run_uuid", run)
        .post(upload)
        .then()
        .statusCode(400)
        .body("message", is("Request must specify path."));
    given()
        .queryParam("run_uuid", run)
        .queryParam("path", "../../outside-sentinel/secret.txt")
        .body("overwritten")
        .post(upload)
        .then()
        .statusCode(400)
        .body("message", is("Invalid path"));
    given()
        .queryParam("run_uuid", run)
        .queryParam("path", "empty.txt")
        .post(upload)
        .then()
        .statusCode(400)
        .body("message", is("Request must specify data."));
    given()
        .queryParam("run_uuid", run)
        .queryParam("path", "big.bin")
        .body(new byte[RunArtifactResource.MAX_UPLOAD + 1])
        .post(upload)
        .then()
        .statusCode(400)
        .body("message", containsString("Max size is 10MB"));
    assertThat(outside.resolve("secret.txt")).hasContent("top secret");
  }

  @Test
  void traversalInThePathParameterIsRefused() {
    String exp = experiment(Map.of("name", "ra-" + UUID.randomUUID()));
    String run = run(exp);
    for (String trick :
        new String[] {
          "../../../outside-sentinel/secret.txt",
          "%2e%2e%2f%2e%2e%2f%2e%2e%2foutside-sentinel%2fsecret.txt",
          "/etc/passwd",
          "x#/../../../../outside-sentinel/secret.txt",
          "C:\\x",
          "a\u0000b"
        }) {
      given()
          .queryParam("run_id", run)
          .queryParam("path", trick)
          .get("/get-artifact")
          .then()
          .statusCode(400)
          .body("message", is("Invalid path"))
          .body(not(containsString("top secret")));
      given()
          .queryParam("run_id", run)
          .queryParam("path", trick)
          .get(API + "/artifacts/list")
          .then()
          .statusCode(400);
    }
  }

  /**
   * CVE-2023-1177 shape: an experiment or model version whose stored location is a local directory.
   */
  @Test
  void locationsOutsideTheProxyAreNeverRead() {
    String exp =
        experiment(
            Map.of(
                "name", "ra-local-" + UUID.randomUUID(), "artifact_location", outside.toString()));
    String run = run(exp);
    given()
        .queryParam("run_id", run)
        .queryParam("path", "secret.txt")
        .get("/get-artifact")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"))
        .body(not(containsString("top secret")));
    given()
        .queryParam("run_id", run)
        .get(API + "/artifacts/list")
        .then()
        .statusCode(400)
        .body(not(containsString("secret.txt")));

    String exp2 =
        experiment(
            Map.of(
                "name", "ra-file-" + UUID.randomUUID(), "artifact_location", "file://" + outside));
    String run2 = run(exp2);
    given()
        .queryParam("run_id", run2)
        .queryParam("path", "secret.txt")
        .get("/get-artifact")
        .then()
        .statusCode(400)
        .body(not(containsString("top secret")));
  }

  @Test
  void servesModelVersionArtifactsThroughTheRunTheyCameFrom() throws IOException {
    String exp = experiment(Map.of("name", "ra-mv-" + UUID.randomUUID()));
    String run = run(exp);
    Files.createDirectories(store.root().resolve(exp + "/" + run + "/artifacts/model"));
    Files.writeString(
        store.root().resolve(exp + "/" + run + "/artifacts/model/MLmodel"), "registered");
    String name = "ra-model-" + UUID.randomUUID();
    json()
        .body(Map.of("name", name))
        .post(API + "/registered-models/create")
        .then()
        .statusCode(200);
    json()
        .body(Map.of("name", name, "source", "runs:/" + run + "/model", "run_id", run))
        .post(API + "/model-versions/create")
        .then()
        .statusCode(200);
    given()
        .queryParam("name", name)
        .queryParam("version", "1")
        .queryParam("path", "MLmodel")
        .get("/model-versions/get-artifact")
        .then()
        .statusCode(200)
        .body(equalTo("registered"));
    given()
        .queryParam("name", name)
        .queryParam("version", "1")
        .queryParam("path", "../../../../outside-sentinel/secret.txt")
        .get("/model-versions/get-artifact")
        .then()
        .statusCode(400)
        .body(not(containsString("top secret")));
    given()
        .queryParam("name", name)
        .queryParam("version", "9")
        .queryParam("path", "MLmodel")
        .get("/model-versions/get-artifact")
        .then()
        .statusCode(404);
    assertThat(outside.resolve("secret.txt")).hasContent("top secret");
  }
}
