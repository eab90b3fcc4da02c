package io.homelab.observer.tracking.security;

import static io.homelab.observer.tracking.security.SecurityFixture.API;
import static io.homelab.observer.tracking.security.SecurityFixture.admin;
import static io.homelab.observer.tracking.security.SecurityFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.homelab.observer.tracking.auth.AuthOnProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model version's artifacts are served to whoever may read its registered model, so its source
 * may only point at artifacts the creator can read, and every read through the version checks the
 * experiment again: an attacker cannot launder the victim's run through their own model.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class VersionSourceAttackTest {

  private static final String SECRET = "alice's secret model bytes";

  /** Alice's artifact at model/MLmodel in her run, and a logged model in her experiment. */
  private static String aliceArtifactsAndLoggedModel(SecurityFixture f) {
    as(f.alice)
        .contentType("application/octet-stream")
        .body(SECRET.getBytes(StandardCharsets.UTF_8))
        .put(
            "/api/2.0/mlflow-artifacts/artifacts/"
                + f.aliceExperiment
                + "/"
                + f.aliceRun
                + "/artifacts/model/MLmodel")
        .then()
        .statusCode(200);
    return as(f.alice)
        .body(Map.of("experiment_id", f.aliceExperiment, "name", "alice-logged"))
        .post(API + "/logged-models")
        .then()
        .statusCode(200)
        .extract()
        .path("model.info.model_id");
  }

  @Test
  void sourcesPointingAtUnreadableArtifactsAreRefused() {
    SecurityFixture f = new SecurityFixture();
    String loggedModel = aliceArtifactsAndLoggedModel(f);
    String proxied = f.aliceExperiment + "/" + f.aliceRun + "/artifacts/model";
    List<Map<String, Object>> attempts =
        List.of(
            Map.of("source", "runs:/" + f.aliceRun + "/model"),
            Map.of("source", "runs:/" + f.aliceRun),
            Map.of("source", "runs://" + f.aliceRun + "/model"),
            Map.of("source", "mlflow-artifacts:/" + proxied),
            Map.of("source", "mlflow-artifacts://tracking.lan:5000/" + proxied),
            Map.of(
                "source", "http://tracking.lan:5000/api/2.0/mlflow-artifacts/artifacts/" + proxied),
            Map.of("source", "models:/" + loggedModel),
            Map.of("source", "models:/" + f.aliceModel + "/1"),
            Map.of("source", "runs:/" + f.bobRun + "/model", "run_id", f.aliceRun),
            Map.of("source", "runs:/" + f.bobRun + "/model", "model_id", loggedModel));
    for (Map<String, Object> attempt : attempts) {
      Map<String, Object> body = new java.util.HashMap<>(attempt);
      body.put("name", f.bobModel);
      as(f.bob).body(body).post(API + "/model-versions/create").then().statusCode(403);
    }
    List<Object> versions =
        admin()
            .queryParam("filter", "name='" + f.bobModel + "'")
            .get(API + "/model-versions/search")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("model_versions");
    assertThat(versions).isNullOrEmpty();
    // The attacker's own run is fine.
    as(f.bob)
        .body(Map.of("name", f.bobModel, "source", "runs:/" + f.bobRun + "/model"))
        .post(API + "/model-versions/create")
        .then()
        .statusCode(200);
  }

  @Test
  void readsThroughAVersionAreCheckedAgainWhenTheGrantIsGone() {
    SecurityFixture f = new SecurityFixture();
    aliceArtifactsAndLoggedModel(f);
    SecurityFixture.grantExperiment(f.aliceExperiment, f.bob, "READ");
    String version =
        as(f.bob)
            .body(Map.of("name", f.bobModel, "source", "runs:/" + f.aliceRun + "/model"))
            .post(API + "/model-versions/create")
            .then()
            .statusCode(200)
            .extract()
            .path("model_version.version");
    as(f.bob)
        .queryParam("name", f.bobModel)
        .queryParam("version", version)
        .queryParam("path", "MLmodel")
        .get("/model-versions/get-artifact")
        .then()
        .statusCode(200)
        .body(equalTo(SECRET));
    as(f.bob)
        .queryParam("name", f.bobModel)
        .queryParam("version", version)
        .get(API + "/model-versions/get-download-uri")
        .then()
        .statusCode(200);

    SecurityFixture.grantExperiment(f.aliceExperiment, f.bob, "NO_PERMISSIONS");
    as(f.bob)
        .queryParam("name", f.bobModel)
        .queryParam("version", version)
        .queryParam("path", "MLmodel")
        .get("/model-versions/get-artifact")
        .then()
        .statusCode(403);
    as(f.bob)
        .queryParam("name", f.bobModel)
        .queryParam("version", version)
        .get(API + "/model-versions/get-download-uri")
        .then()
        .statusCode(403);
    // Someone who may read the model but not the experiment (a third user) is refused too.
    String carol = "carol-" + f.bob;
    SecurityFixture.createUser(carol);
    SecurityFixture.grantExperiment(f.aliceExperiment, carol, "NO_PERMISSIONS");
    as(carol)
        .queryParam("name", f.bobModel)
        .queryParam("version", version)
        .queryParam("path", "MLmodel")
        .get("/model-versions/get-artifact")
        .then()
        .statusCode(403);
  }
}
