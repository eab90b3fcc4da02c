package io.homelab.observer.tracking.auth;

import static io.homelab.observer.tracking.auth.AuthOnUsers.admin;
import static io.homelab.observer.tracking.auth.AuthOnUsers.as;
import static io.homelab.observer.tracking.auth.AuthOnUsers.newExperiment;
import static io.homelab.observer.tracking.auth.AuthOnUsers.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scorer permissions with auth on (default READ): the registrar's MANAGE grant, grants on MLflow's
 * scorer pattern through the 3.17 users API, a scorer inheriting its experiment's permission, and
 * the per-row filter of the cross-experiment list.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class ScorerPermissionTest {

  private static final String SCORERS = "/api/3.0/mlflow/scorers/";
  private static final String USERS = "/api/3.0/mlflow/users/";

  private static int register(RequestSpecification who, String experiment, String name) {
    return who.body(
            Map.of("experiment_id", experiment, "name", name, "serialized_scorer", "{\"v\":1}"))
        .post(SCORERS + "register")
        .then()
        .extract()
        .statusCode();
  }

  private static int getScorer(RequestSpecification who, String experiment, String name) {
    return who.queryParam("experiment_id", experiment)
        .queryParam("name", name)
        .get(SCORERS + "get")
        .then()
        .extract()
        .statusCode();
  }

  private void grant(String user, String pattern, String permission) {
    admin()
        .body(
            Map.of(
                "username", user,
                "resource_type", "scorer",
                "resource_id", pattern,
                "permission", permission))
        .post(USERS + "permissions/grant")
        .then()
        .statusCode(200);
  }

  @Test
  void registrarManagesTheScorerAndOthersFollowTheExperiment() {
    String owner = newUser("owner");
    String reader = newUser("reader");
    String exp = newExperiment(as(owner), "scorer-auth");
    assertThat(register(as(owner), exp, "with/slash *")).isEqualTo(200);
    // MLflow's pattern: experiment id, then the name quoted with Python's quote(safe='').
    String pattern = exp + "/with%2Fslash%20%2A";
    as(owner)
        .queryParam("username", owner)
        .get(USERS + "roles/list")
        .then()
        .statusCode(200)
        .body("roles[0].permissions.resource_pattern", hasItem(pattern))
        .body("roles[0].permissions.resource_type", hasItem("scorer"));

    // Default READ on the experiment: the reader may read the scorer, not register or delete.
    assertThat(getScorer(as(reader), exp, "with/slash *")).isEqualTo(200);
    assertThat(register(as(reader), exp, "mine")).isEqualTo(403);
    as(reader)
        .body(Map.of("experiment_id", exp, "name", "with/slash *"))
        .delete(SCORERS + "delete")
        .then()
        .statusCode(403);

    // A DENY on the scorer shuts the reader out of it and of re-registering it.
    grant(reader, pattern, "DENY");
    assertThat(getScorer(as(reader), exp, "with/slash *")).isEqualTo(403);
    admin()
        .queryParam("username", reader)
        .queryParam("resource_type", "scorer")
        .queryParam("resource_id", pattern)
        .get(USERS + "permissions/get")
        .then()
        .statusCode(200)
        .body("permission", is("DENY"))
        .body("allowed", is(false));

    // The owner's MANAGE lets them delete it; its grants go with it.
    as(owner)
        .body(Map.of("experiment_id", exp, "name", "with/slash *"))
        .delete(SCORERS + "delete")
        .then()
        .statusCode(200);
    admin()
        .queryParam("username", reader)
        .get(USERS + "roles/list")
        .then()
        .body("roles.permissions.flatten().resource_pattern", not(hasItem(pattern)));
  }

  @Test
  void crossExperimentListShowsOnlyWhatTheCallerMayRead() {
    String owner = newUser("lister");
    String other = newUser("other");
    String open = newExperiment(as(owner), "scorer-auth");
    String closed = newExperiment(as(owner), "scorer-auth");
    register(as(owner), open, "visible");
    register(as(owner), open, "hidden");
    register(as(owner), closed, "secret");
    Grants.experiment(AuthOnUsers::admin, closed, other, "NO_PERMISSIONS");
    grant(other, open + "/hidden", "DENY");

    List<String> seen =
        as(other)
            .get(SCORERS + "list")
            .then()
            .statusCode(200)
            .extract()
            .path("scorers.scorer_name");
    assertThat(seen).contains("visible").doesNotContain("hidden", "secret");
    // The owner sees all three; a single closed experiment is refused outright.
    assertThat(
            as(owner)
                .get(SCORERS + "list")
                .then()
                .extract()
                .<List<String>>path("scorers.scorer_name"))
        .contains("visible", "hidden", "secret");
    as(other).queryParam("experiment_id", closed).get(SCORERS + "list").then().statusCode(403);

    // Online scoring: EDIT on the experiment to set it, READ on its experiment to read it.
    String secretId =
        as(owner)
            .queryParam("experiment_id", closed)
            .queryParam("name", "secret")
            .get(SCORERS + "get")
            .then()
            .statusCode(200)
            .extract()
            .path("scorer.scorer_id");
    Map<String, Object> config =
        Map.of("experiment_id", closed, "name", "secret", "sample_rate", 0);
    as(other).body(config).put(SCORERS + "online-config").then().statusCode(403);
    as(owner).body(config).put(SCORERS + "online-config").then().statusCode(200);
    as(other)
        .queryParam("scorer_ids", secretId)
        .get(SCORERS + "online-configs")
        .then()
        .statusCode(403);
    as(owner)
        .queryParam("scorer_ids", secretId)
        .get(SCORERS + "online-configs")
        .then()
        .statusCode(200)
        .body("configs.size()", is(1));
    given().get(SCORERS + "list").then().statusCode(401);
  }

  @Test
  void scorerGrantsAreCheckedLikeMlflows() {
    String user = newUser("target");
    admin()
        .body(
            Map.of(
                "username", user,
                "resource_type", "scorer",
                "resource_id", "no-slash-here",
                "permission", "READ"))
        .post(USERS + "permissions/grant")
        .then()
        .statusCode(400)
        .body("message", containsString("Invalid scorer resource_id"));
    grant(user, "1/x", "READ");
    admin()
        .body(
            Map.of(
                "username", user,
                "resource_type", "scorer",
                "resource_id", "1/x",
                "permission", "EDIT"))
        .post(USERS + "permissions/grant")
        .then()
        .statusCode(400)
        .body("error_code", is("RESOURCE_ALREADY_EXISTS"));
    admin()
        .body(Map.of("username", user, "resource_type", "scorer", "resource_id", "1/x"))
        .post(USERS + "permissions/revoke")
        .then()
        .statusCode(200);
  }
}
