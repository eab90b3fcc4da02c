package io.homelab.observer.tracking.security;

import static io.homelab.observer.tracking.security.SecurityFixture.API;
import static io.homelab.observer.tracking.security.SecurityFixture.admin;
import static io.homelab.observer.tracking.security.SecurityFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.homelab.observer.tracking.auth.AuthOnProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Identifiers are canonical before any permission lookup: an experiment id that only the database
 * would read as the victim's (leading zeros, blanks, a sign, decimals) is refused with 400 in every
 * field and list that carries one; so are registry names with edge blanks and versions not in plain
 * decimal.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class IdentifierAttackTest {

  static SecurityFixture f;
  static String originalName;

  /** Once per class (RestAssured knows the port only once the app runs, not in a BeforeAll). */
  @BeforeEach
  void users() {
    if (f != null) {
      return;
    }
    f = new SecurityFixture();
    originalName =
        admin()
            .queryParam("experiment_id", f.aliceExperiment)
            .get(API + "/experiments/get")
            .then()
            .statusCode(200)
            .extract()
            .path("experiment.name");
  }

  private List<Object> variants(String id) {
    return List.of(
        "0" + id,
        "00" + id,
        " " + id,
        id + " ",
        "+" + id,
        id + ".0",
        id + "e0",
        "\t" + id,
        Double.valueOf(id));
  }

  private static void invalid(Response r) {
    r.then().statusCode(400).body("error_code", equalTo("INVALID_PARAMETER_VALUE"));
  }

  @Test
  void nonCanonicalExperimentIdsAre400Everywhere() {
    for (Object id : variants(f.aliceExperiment)) {
      invalid(as(f.bob).queryParam("experiment_id", id).get(API + "/experiments/get"));
      invalid(
          as(f.bob)
              .body(Map.of("experiment_id", id, "new_name", "pwned-" + f.bob))
              .post(API + "/experiments/update"));
      invalid(as(f.bob).body(Map.of("experiment_id", id)).post(API + "/experiments/delete"));
      invalid(
          as(f.bob)
              .body(Map.of("experiment_id", id, "key", "pwn", "value", "1"))
              .post(API + "/experiments/set-experiment-tag"));
      invalid(as(f.bob).body(Map.of("experiment_id", id)).post(API + "/runs/create"));
      invalid(
          as(f.bob)
              .body(Map.of("experiment_ids", List.of(f.bobExperiment, id)))
              .post(API + "/runs/search"));
      invalid(
          as(f.bob).queryParam("experiment_ids", f.bobExperiment, id).get(API + "/runs/search"));
      invalid(
          as(f.bob)
              .body(Map.of("experiment_ids", List.of(id)))
              .post(API + "/logged-models/search"));
    }
    assertVictimUntouched();
  }

  @Test
  void canonicalIdsAreStillCheckedAndWork() {
    // A JSON integer is the same id as its decimal string: checked, then refused.
    as(f.bob)
        .body(Map.of("experiment_id", Long.parseLong(f.aliceExperiment)))
        .post(API + "/experiments/delete")
        .then()
        .statusCode(403);
    as(f.bob)
        .body(Map.of("experiment_ids", List.of(Long.parseLong(f.bobExperiment))))
        .post(API + "/runs/search")
        .then()
        .statusCode(200);
    as(f.bob)
        .body(Map.of("experiment_ids", List.of(f.bobExperiment, f.aliceExperiment)))
        .post(API + "/runs/search")
        .then()
        .statusCode(403);
    assertVictimUntouched();
  }

  @Test
  void nonCanonicalRegistryNamesAndVersionsAre400() {
    for (String name :
        List.of(" " + f.aliceModel, f.aliceModel + " ", f.aliceModel + "\t", f.aliceModel + "\n")) {
      invalid(as(f.bob).queryParam("name", name).get(API + "/registered-models/get"));
      invalid(as(f.bob).body(Map.of("name", name)).delete(API + "/registered-models/delete"));
      invalid(
          as(f.bob)
              .body(Map.of("name", name, "new_name", "pwned-" + f.bob))
              .post(API + "/registered-models/rename"));
    }
    as(f.bob)
        .body(Map.of("name", f.bobModel, "source", "runs:/" + f.bobRun + "/model"))
        .post(API + "/model-versions/create")
        .then()
        .statusCode(200);
    for (String version : List.of("01", "+1", "1.0", " 1", "1 ", "0x1", "-1")) {
      invalid(
          as(f.bob)
              .queryParam("name", f.bobModel)
              .queryParam("version", version)
              .get(API + "/model-versions/get"));
      invalid(
          as(f.bob)
              .body(Map.of("name", f.bobModel, "version", version, "stage", "Production"))
              .post(API + "/model-versions/transition-stage"));
    }
    as(f.bob)
        .queryParam("name", f.bobModel)
        .queryParam("version", "1")
        .get(API + "/model-versions/get")
        .then()
        .statusCode(200)
        .body("model_version.current_stage", equalTo("None"));
    admin()
        .queryParam("name", f.aliceModel)
        .get(API + "/registered-models/get")
        .then()
        .statusCode(200);
  }

  private void assertVictimUntouched() {
    admin()
        .queryParam("experiment_id", f.aliceExperiment)
        .get(API + "/experiments/get")
        .then()
        .statusCode(200)
        .body("experiment.name", equalTo(originalName))
        .body("experiment.lifecycle_stage", equalTo("active"));
    List<String> runs =
        admin()
            .body(Map.of("experiment_ids", List.of(f.aliceExperiment)))
            .post(API + "/runs/search")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("runs.info.run_id", String.class);
    assertThat(runs).containsExactly(f.aliceRun);
  }
}
