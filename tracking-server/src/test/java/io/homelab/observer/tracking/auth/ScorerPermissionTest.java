package io.homelab.observer.tracking.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
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

  String adminPassword;

  @BeforeEach
  void readGeneratedAdminPassword() throws IOException {
    adminPassword =
        Files.readString(Path.of(AuthOnProfile.DATA_DIR, AdminBootstrap.PASSWORD_FILE)).trim();
  }

  private RequestSpecification admin() {
    return as("admin", adminPassword);
  }

  private static RequestSpecification as(String user, String password) {
    return given().auth().preemptive().basic(user, password).contentType("application/json");
  }

  private static RequestSpecification asUser(String name) {
    return as(name, name + "-password");
  }

  private String newUser(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body(Map.of("username", name, "password", name + "-password"))
        .post("/api/2.0/mlflow/users/create")
        .then()
        .statusCode(200);
    return name;
  }

  private static String newExperiment(RequestSpecification who) {
    return who.body(Map.of("name", "scorer-auth-" + UUID.randomUUID()))
        .post("/api/2.0/mlflow/experiments/create")
        .then()
        .statusCode(200)
        .extract()
        .path("experiment_id");
  }

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
    String exp = newExperiment(asUser(owner));
    assertThat(register(asUser(owner), exp, "with/slash *")).isEqualTo(200);
    // MLflow's pattern: experiment id, then the name quoted with Python's quote(safe='').
    String pattern = exp + "/with%2Fslash%20%2A";
    asUser(owner)
        .queryParam("username", owner)
        .get(USERS + "roles/list")
        .then()
        .statusCode(200)
        .body("roles[0].permissions.resource_pattern", hasItem(pattern))
        .body("roles[0].permissions.resource_type", hasItem("scorer"));

    // Default READ on the experiment: the reader may read the scorer, not register or delete.
    assertThat(getScorer(asUser(reader), exp, "with/slash *")).isEqualTo(200);
    assertThat(register(asUser(reader), exp, "mine")).isEqualTo(403);
    asUser(reader)
        .body(Map.of("experiment_id", exp, "name", "with/slash *"))
        .delete(SCORERS + "delete")
        .then()
        .statusCode(403);

    // A DENY on the scorer shuts the reader out of it and of re-registering it.
    grant(reader, pattern, "DENY");
    assertThat(getScorer(asUser(reader), exp, "with/slash *")).isEqualTo(403);
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
    asUser(owner)
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
    String open = newExperiment(asUser(owner));
    String closed = newExperiment(asUser(owner));
    register(asUser(owner), open, "visible");
    register(asUser(owner), open, "hidden");
    register(asUser(owner), closed, "secret");
    Grants.experiment(this::admin, closed, other, "NO_PERMISSIONS");
    grant(other, open + "/hidden", "DENY");

    List<String> seen =
        asUser(other)
            .get(SCORERS + "list")
            .then()
            .statusCode(200)
            .extract()
            .path("scorers.scorer_name");
    assertThat(seen).contains("visible").doesNotContain("hidden", "secret");
    // The owner sees all three; a single closed experiment is refused outright.
    assertThat(
            asUser(owner)
                .get(SCORERS + "list")
                .then()
                .extract()
                .<List<String>>path("scorers.scorer_name"))
        .contains("visible", "hidden", "secret");
    asUser(other).queryParam("experiment_id", closed).get(SCORERS + "list").then().statusCode(403);

    // Online scoring: EDIT on the experiment to set it, READ on its experiment to read it.
    String secretId =
        asUser(owner)
            .queryParam("experiment_id", closed)
            .queryParam("name", "secret")
            .get(SCORERS + "get")
            .then()
            .statusCode(200)
            .extract()
            .path("scorer.scorer_id");
    Map<String, Object> config =
        Map.of("experiment_id", closed, "name", "secret", "sample_rate", 0);
    asUser(other).body(config).put(SCORERS + "online-config").then().statusCode(403);
    asUser(owner).body(config).put(SCORERS + "online-config").then().statusCode(200);
    asUser(other)
        .queryParam("scorer_ids", secretId)
        .get(SCORERS + "online-configs")
        .then()
        .statusCode(403);
    asUser(owner)
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
