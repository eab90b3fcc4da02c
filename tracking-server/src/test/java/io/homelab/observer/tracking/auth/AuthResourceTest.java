package io.homelab.observer.tracking.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.homelab.observer.tracking.artifact.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Basic auth, the users and permissions API and per-experiment enforcement, with auth on. */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class AuthResourceTest {

  private static final String API = "/api/2.0/mlflow";
  private static final String USERS = "/api/3.0/mlflow/users";
  private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";

  @Inject ArtifactStore artifacts;

  String adminPassword;

  @BeforeEach
  void readGeneratedAdminPassword() throws IOException {
    adminPassword =
        Files.readString(Path.of(AuthOnProfile.DATA_DIR, AdminBootstrap.PASSWORD_FILE)).trim();
  }

  private static RequestSpecification as(String user, String password) {
    return given().auth().preemptive().basic(user, password).contentType("application/json");
  }

  private RequestSpecification admin() {
    return as("admin", adminPassword);
  }

  /** Creates a user with a unique name and returns it; its password is name + "-password". */
  private String newUser(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body(Map.of("username", name, "password", name + "-password"))
        .post(API + "/users/create")
        .then()
        .statusCode(200);
    return name;
  }

  private static RequestSpecification asUser(String name) {
    return as(name, name + "-password");
  }

  private String newExperiment(RequestSpecification who) {
    return who.body(Map.of("name", "auth-exp-" + UUID.randomUUID()))
        .post(API + "/experiments/create")
        .then()
        .statusCode(200)
        .extract()
        .path("experiment_id");
  }

  private void grant(String experimentId, String user, String permission) {
    Grants.experiment(this::admin, experimentId, user, permission);
  }

  /** MLflow 3.17's users/permissions/get of a user on an experiment, asked by that user. */
  private io.restassured.response.ValidatableResponse ownExperimentPermission(
      String user, String experimentId) {
    return asUser(user)
        .queryParam("username", user)
        .queryParam("resource_type", "experiment")
        .queryParam("resource_id", experimentId)
        .get(USERS + "/permissions/get")
        .then();
  }

  /** A body of MLflow 3.17's users/permissions/{grant,revoke}. */
  private static Map<String, String> grantBody(
      String user, String type, String id, String permission) {
    return Map.of(
        "username", user, "resource_type", type, "resource_id", id, "permission", permission);
  }

  @Test
  void healthIsOpenAndEverythingElseNeedsCredentials() {
    given().get("/health").then().statusCode(200).body(equalTo("OK"));
    given().get("/q/health/live").then().statusCode(200);
    for (String path :
        List.of(
            "/version",
            API + "/experiments/search",
            API + "/users/get?username=admin",
            ARTIFACTS + "?path=1",
            "/q/metrics")) {
      given()
          .get(path)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", "Basic realm=\"mlflow\"")
          .body(containsString("You are not authenticated"));
    }
    admin().get("/version").then().statusCode(200);
    // MLflow 3's capability document is public, as in MLflow's auth app.
    for (String prefix : List.of("/api", "/ajax-api")) {
      given()
          .get(prefix + "/3.0/mlflow/server-info")
          .then()
          .statusCode(200)
          .body("store_type", equalTo("SqlStore"))
          .body("multipart_uploads_enabled", equalTo(false))
          .body("features_enabled.gateway", equalTo(false));
    }
    given().get("/api/3.0/mlflow/server-infox").then().statusCode(401);
  }

  @Test
  void wrongOrMalformedCredentialsAre401() {
    as("admin", "not-the-admin-password").get(API + "/experiments/search").then().statusCode(401);
    as("nobody-" + UUID.randomUUID(), "whatever-password")
        .get(API + "/experiments/search")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "Basic !!!notbase64")
        .get(API + "/experiments/search")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "Bearer abc")
        .get(API + "/experiments/search")
        .then()
        .statusCode(401);
  }

  @Test
  void generatedFirstAdminPasswordIsInAnOwnerOnlyFile() throws IOException {
    Path file = Path.of(AuthOnProfile.DATA_DIR, AdminBootstrap.PASSWORD_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(20);
    admin()
        .queryParam("username", "admin")
        .get(API + "/users/get")
        .then()
        .statusCode(200)
        .body("user.is_admin", is(true));
  }

  @Test
  void usersApiFollowsMlflowBasicAuth() {
    String alice = "alice-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body(Map.of("username", alice, "password", alice + "-password"))
        .post(API + "/users/create")
        .then()
        .statusCode(200)
        .body("user.username", is(alice))
        .body("user.is_admin", is(false))
        .body("user.id", not(emptyOrNullString()))
        .body("user.experiment_permissions.size()", is(0));
    admin()
        .body(Map.of("username", alice, "password", "another-long-password"))
        .post(API + "/users/create")
        .then()
        .statusCode(400)
        .body("error_code", is("RESOURCE_ALREADY_EXISTS"));
    admin()
        .body(Map.of("username", "short-" + UUID.randomUUID(), "password", "short"))
        .post(API + "/users/create")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));

    // Non-admins cannot create users or read other users; they can read themselves.
    asUser(alice)
        .body(Map.of("username", "x-" + UUID.randomUUID(), "password", "long-enough-password"))
        .post(API + "/users/create")
        .then()
        .statusCode(403)
        .body(equalTo("Permission denied"));
    asUser(alice)
        .queryParam("username", alice)
        .get(API + "/users/get")
        .then()
        .statusCode(200)
        .body("user.username", is(alice));
    asUser(alice).queryParam("username", "admin").get(API + "/users/get").then().statusCode(403);
    admin()
        .queryParam("username", "ghost-" + UUID.randomUUID())
        .get(API + "/users/get")
        .then()
        .statusCode(404)
        .body("error_code", is("RESOURCE_DOES_NOT_EXIST"));

    // Changing one's own password needs the current one.
    asUser(alice)
        .body(Map.of("username", alice, "password", "brand-new-password-1"))
        .patch(API + "/users/update-password")
        .then()
        .statusCode(400);
    asUser(alice)
        .body(
            Map.of(
                "username",
                alice,
                "password",
                "brand-new-password-1",
                "current_password",
                alice + "-password"))
        .patch(API + "/users/update-password")
        .then()
        .statusCode(200)
        .body(equalTo("{}"));
    asUser(alice).get(API + "/experiments/search").then().statusCode(401);
    as(alice, "brand-new-password-1").get(API + "/experiments/search").then().statusCode(200);
    // An admin resets it without the current one.
    admin()
        .body(Map.of("username", alice, "password", alice + "-password"))
        .patch(API + "/users/update-password")
        .then()
        .statusCode(200);
    asUser(alice).get(API + "/experiments/search").then().statusCode(200);

    // Admin flag: only admins set it; then the user may manage users.
    asUser(alice)
        .body(Map.of("username", alice, "is_admin", true))
        .patch(API + "/users/update-admin")
        .then()
        .statusCode(403);
    admin()
        .body(Map.of("username", alice, "is_admin", true))
        .patch(API + "/users/update-admin")
        .then()
        .statusCode(200);
    String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);
    asUser(alice)
        .body(Map.of("username", bob, "password", bob + "-password"))
        .post(API + "/users/create")
        .then()
        .statusCode(200);

    // Delete (JSON body on DELETE): the user is gone at once, even with a cached login.
    asUser(bob).get(API + "/experiments/search").then().statusCode(200);
    admin().body(Map.of("username", bob)).delete(API + "/users/delete").then().statusCode(200);
    asUser(bob).get(API + "/experiments/search").then().statusCode(401);
    admin().body(Map.of("username", "admin")).delete(API + "/users/delete").then().statusCode(400);
  }

  @Test
  void experimentPermissionsAreEnforced() {
    String alice = newUser("alice");
    String bob = newUser("bob");
    String exp = newExperiment(admin());

    // Default permission READ: read yes, write no.
    asUser(alice)
        .queryParam("experiment_id", exp)
        .get(API + "/experiments/get")
        .then()
        .statusCode(200);
    asUser(alice)
        .body(Map.of("experiment_id", exp, "key", "k", "value", "v"))
        .post(API + "/experiments/set-experiment-tag")
        .then()
        .statusCode(403);
    asUser(alice)
        .body(Map.of("experiment_id", exp, "new_name", "renamed-" + UUID.randomUUID()))
        .post(API + "/experiments/update")
        .then()
        .statusCode(403);

    // EDIT: write yes, delete and manage no.
    admin()
        .body(grantBody(alice, "experiment", exp, "EDIT"))
        .post(USERS + "/permissions/grant")
        .then()
        .statusCode(200);
    asUser(alice)
        .body(Map.of("experiment_id", exp, "key", "k", "value", "v"))
        .post(API + "/experiments/set-experiment-tag")
        .then()
        .statusCode(200);
    asUser(alice)
        .body(Map.of("experiment_id", exp))
        .post(API + "/experiments/delete")
        .then()
        .statusCode(403);
    asUser(alice)
        .body(grantBody(alice, "experiment", exp, "MANAGE"))
        .post(USERS + "/permissions/grant")
        .then()
        .statusCode(403);
    ownExperimentPermission(alice, exp).statusCode(200).body("permission", is("EDIT"));

    // API errors as MLflow's.
    admin()
        .body(grantBody(alice, "experiment", exp, "EDIT"))
        .post(USERS + "/permissions/grant")
        .then()
        .statusCode(400)
        .body("error_code", is("RESOURCE_ALREADY_EXISTS"));
    admin()
        .body(grantBody(alice, "experiment", exp, "ROOT"))
        .post(USERS + "/permissions/grant")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));
    // MLflow spells permissions in upper case only; "read" is not READ.
    admin()
        .body(grantBody(alice, "experiment", exp, "read"))
        .post(USERS + "/permissions/grant")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"))
        .body("message", containsString("Invalid permission 'read'"));
    admin()
        .body(grantBody("ghost-" + UUID.randomUUID(), "experiment", exp, "READ"))
        .post(USERS + "/permissions/grant")
        .then()
        .statusCode(404);

    // NO_PERMISSIONS: the experiment is invisible to alice, also in search.
    grant(exp, alice, "NO_PERMISSIONS");
    asUser(alice)
        .queryParam("experiment_id", exp)
        .get(API + "/experiments/get")
        .then()
        .statusCode(403);
    List<String> visible =
        asUser(alice)
            .body(Map.of("max_results", 1000))
            .post(API + "/experiments/search")
            .then()
            .statusCode(200)
            .extract()
            .path("experiments.experiment_id");
    assertThat(visible).doesNotContain(exp);
    List<String> all =
        admin()
            .body(Map.of("max_results", 1000))
            .post(API + "/experiments/search")
            .then()
            .statusCode(200)
            .extract()
            .path("experiments.experiment_id");
    assertThat(all).contains(exp);

    // DENY, MLflow 3's refusal, is granted through the API and shuts alice out the same way;
    // NO_PERMISSIONS is not grantable there (MLflow's message names the grantable ones).
    admin()
        .body(grantBody(alice, "experiment", exp, "NO_PERMISSIONS"))
        .post(USERS + "/permissions/grant")
        .then()
        .statusCode(400)
        .body("message", containsString("Resource-level grants accept only"));
    grant(exp, alice, "DENY");
    asUser(alice)
        .queryParam("experiment_id", exp)
        .get(API + "/experiments/get")
        .then()
        .statusCode(403);
    ownExperimentPermission(alice, exp)
        .statusCode(200)
        .body("permission", is("DENY"))
        .body("allowed", is(false));

    // The creator of an experiment manages it; others keep the default.
    String own = newExperiment(asUser(alice));
    ownExperimentPermission(alice, own).statusCode(200).body("permission", is("MANAGE"));
    asUser(bob)
        .body(Map.of("experiment_id", own))
        .post(API + "/experiments/delete")
        .then()
        .statusCode(403);
    asUser(alice)
        .body(grantBody(bob, "experiment", own, "MANAGE"))
        .post(USERS + "/permissions/grant")
        .then()
        .statusCode(200);
    asUser(bob)
        .body(Map.of("experiment_id", own))
        .post(API + "/experiments/delete")
        .then()
        .statusCode(200);
    admin()
        .body(grantBody(bob, "experiment", own, "MANAGE"))
        .post(USERS + "/permissions/revoke")
        .then()
        .statusCode(200);
    admin()
        .body(grantBody(bob, "experiment", own, "MANAGE"))
        .post(USERS + "/permissions/revoke")
        .then()
        .statusCode(404);
  }

  @Test
  void artifactProxyNeedsReadEditManageOfTheExperimentInThePath() {
    String alice = newUser("alice");
    String exp = newExperiment(admin());
    String file = ARTIFACTS + "/" + exp + "/run1/artifacts/model.bin";

    admin().contentType("text/plain").body("weights").put(file).then().statusCode(200);
    asUser(alice).get(file).then().statusCode(200).body(equalTo("weights"));
    asUser(alice)
        .queryParam("path", exp + "/run1/artifacts")
        .get(ARTIFACTS)
        .then()
        .statusCode(200)
        .body("files[0].path", is("model.bin"));
    asUser(alice).contentType("text/plain").body("evil").put(file).then().statusCode(403);
    asUser(alice).delete(file).then().statusCode(403);

    grant(exp, alice, "EDIT");
    asUser(alice).contentType("text/plain").body("better weights").put(file).then().statusCode(200);
    // CVE-2024-4263: EDIT must not delete.
    asUser(alice).delete(file).then().statusCode(403);
    grant(exp, alice, "MANAGE");
    asUser(alice).delete(file).then().statusCode(200);

    grant(exp, alice, "NO_PERMISSIONS");
    asUser(alice).queryParam("path", exp).get(ARTIFACTS).then().statusCode(403);
    // An encoded experiment id is the same experiment.
    asUser(alice)
        .queryParam("path", "%3" + exp.charAt(0) + exp.substring(1))
        .get(ARTIFACTS)
        .then()
        .statusCode(403);
  }

  @Test
  void traversalWithValidCredentialsIsStill400() throws IOException {
    Path outside = artifacts.root().getParent().resolve("auth-outside");
    Files.createDirectories(outside);
    for (String trick :
        List.of("/%2e%2e/auth-outside/x", "/%252e%252e/auth-outside/x", "/1/x%00", "/C:%5cx")) {
      admin()
          .contentType("text/plain")
          .body("pwned")
          .put(ARTIFACTS + trick)
          .then()
          .statusCode(400)
          .body("message", is("Invalid path"));
    }
    try (var files = Files.list(outside)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void failedLoginsAreRateLimitedPerUserAndAddress() {
    String victim = newUser("victim");
    for (int i = 0; i < AuthOnProfile.MAX_FAILED_LOGINS; i++) {
      as(victim, "guess-number-" + i).get(API + "/experiments/search").then().statusCode(401);
    }
    // Blocked, even with the right password, until the window passes.
    asUser(victim)
        .get(API + "/experiments/search")
        .then()
        .statusCode(429)
        .header("Retry-After", not(emptyOrNullString()))
        .body("error_code", is("REQUEST_LIMIT_EXCEEDED"));
    // Other users from the same address are not locked out.
    String other = newUser("other");
    asUser(other).get(API + "/experiments/search").then().statusCode(200);
  }

  @Test
  void runLevelCallsUseTheirExperimentsPermission() {
    String alice = newUser("alice");
    String exp = newExperiment(admin());
    asUser(alice)
        .body(Map.of("experiment_id", exp))
        .post(API + "/runs/create")
        .then()
        .statusCode(403);
    String run =
        admin()
            .body(Map.of("experiment_id", exp))
            .post(API + "/runs/create")
            .then()
            .statusCode(200)
            .extract()
            .path("run.info.run_id");
    Map<String, Object> metric =
        Map.of("run_id", run, "key", "loss", "value", 0.5, "timestamp", 1, "step", 0);

    // READ: reads yes, writes no.
    asUser(alice).queryParam("run_id", run).get(API + "/runs/get").then().statusCode(200);
    asUser(alice)
        .queryParam("run_id", run)
        .queryParam("metric_key", "loss")
        .get(API + "/metrics/get-history")
        .then()
        .statusCode(200);
    asUser(alice)
        .body(Map.of("experiment_ids", List.of(exp)))
        .post(API + "/runs/search")
        .then()
        .statusCode(200);
    asUser(alice).body(metric).post(API + "/runs/log-metric").then().statusCode(403);
    asUser(alice)
        .body(
            Map.of(
                "run_uuid",
                run,
                "metrics",
                List.of(Map.of("key", "a", "value", 1, "timestamp", 1, "step", 0))))
        .post(API + "/runs/log-batch")
        .then()
        .statusCode(403);

    // EDIT: writes yes, delete no.
    grant(exp, alice, "EDIT");
    asUser(alice).body(metric).post(API + "/runs/log-metric").then().statusCode(200);
    asUser(alice)
        .body(Map.of("run_id", run, "key", "lr", "value", "0.1"))
        .post(API + "/runs/log-parameter")
        .then()
        .statusCode(200);
    asUser(alice).body(Map.of("run_id", run)).post(API + "/runs/delete").then().statusCode(403);
    asUser(alice)
        .body(Map.of("experiment_id", exp))
        .post(API + "/runs/create")
        .then()
        .statusCode(200);

    // NO_PERMISSIONS: nothing, including the run's artifacts by run id.
    grant(exp, alice, "NO_PERMISSIONS");
    asUser(alice).queryParam("run_id", run).get(API + "/runs/get").then().statusCode(403);
    asUser(alice)
        .body(Map.of("experiment_ids", List.of(exp)))
        .post(API + "/runs/search")
        .then()
        .statusCode(403);
    asUser(alice)
        .queryParam("run_id", run)
        .queryParam("path", "x")
        .get("/get-artifact")
        .then()
        .statusCode(403);
    asUser(alice).queryParam("run_id", run).get(API + "/artifacts/list").then().statusCode(403);
    // The old client's run_uuid alias is checked the same way.
    asUser(alice).queryParam("run_uuid", run).get(API + "/runs/get").then().statusCode(403);
  }

  /** Pages a search as {@code who} (POST, or GET with query parameters) and returns each page. */
  private static List<List<String>> pages(
      RequestSpecification who, String route, String list, String idField, Map<String, Object> q) {
    List<List<String>> pages = new java.util.ArrayList<>();
    String token = null;
    do {
      Map<String, Object> body = new java.util.HashMap<>(q);
      if (token != null) {
        body.put("page_token", token);
      }
      Response r = who.body(body).post(API + route);
      r.then().statusCode(200);
      List<String> ids = r.path(list + "." + idField);
      pages.add(ids == null ? List.of() : ids);
      token = r.path("next_page_token");
      assertThat(pages).as("paging must end").hasSizeLessThan(20);
    } while (token != null && !token.isEmpty());
    return pages;
  }

  @Test
  void searchPagesThinnedOutByPermissionsAreToppedUpToMaxResults() {
    String alice = newUser("alice");
    String prefix = "refill-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(
          admin()
              .body(Map.of("name", prefix + i))
              .post(API + "/experiments/create")
              .then()
              .statusCode(200)
              .extract()
              .<String>path("experiment_id"));
    }
    for (int hidden : new int[] {0, 1, 3}) {
      grant(ids.get(hidden), alice, "NO_PERMISSIONS");
    }
    Map<String, Object> search =
        Map.of(
            "filter",
            "name LIKE '" + prefix + "%'",
            "order_by",
            List.of("name ASC"),
            "max_results",
            2);
    // MLflow's basic-auth refetches until the page is full again: [2, 4], then [5] and no token.
    assertThat(pages(asUser(alice), "/experiments/search", "experiments", "experiment_id", search))
        .containsExactly(List.of(ids.get(2), ids.get(4)), List.of(ids.get(5)));
    // The admin sees every experiment, two per page.
    assertThat(pages(admin(), "/experiments/search", "experiments", "experiment_id", search))
        .containsExactly(ids.subList(0, 2), ids.subList(2, 4), ids.subList(4, 6));

    List<String> models = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      models.add(prefix + "model-" + i);
      admin()
          .body(Map.of("name", prefix + "model-" + i))
          .post(API + "/registered-models/create")
          .then()
          .statusCode(200);
    }
    for (int hidden : new int[] {1, 2, 3}) {
      Grants.registeredModel(this::admin, models.get(hidden), alice, "NO_PERMISSIONS");
    }
    Map<String, Object> modelSearch =
        Map.of(
            "filter",
            "name LIKE '" + prefix + "model-%'",
            "order_by",
            List.of("name ASC"),
            "max_results",
            2);
    // The first page lost model 1 and is topped up past the hidden 2 and 3 with model 4: the last.
    assertThat(
            pages(
                asUser(alice),
                "/registered-models/search",
                "registered_models",
                "name",
                modelSearch))
        .containsExactly(List.of(models.get(0), models.get(4)));
  }

  @Test
  void registeredModelPermissionsAreEnforced() {
    String alice = newUser("alice");
    String bob = newUser("bob");
    String model = "auth-model-" + UUID.randomUUID();
    asUser(alice)
        .body(Map.of("name", model))
        .post(API + "/registered-models/create")
        .then()
        .statusCode(200);
    asUser(alice)
        .queryParam("username", alice)
        .queryParam("resource_type", "registered_model")
        .queryParam("resource_id", model)
        .get(USERS + "/permissions/get")
        .then()
        .statusCode(200)
        .body("permission", is("MANAGE"));

    asUser(bob)
        .queryParam("name", model)
        .get(API + "/registered-models/get")
        .then()
        .statusCode(200);
    asUser(bob)
        .body(Map.of("name", model, "description", "mine now"))
        .patch(API + "/registered-models/update")
        .then()
        .statusCode(403);
    asUser(bob)
        .body(Map.of("name", model))
        .delete(API + "/registered-models/delete")
        .then()
        .statusCode(403);

    Grants.registeredModel(this::admin, model, bob, "NO_PERMISSIONS");
    asUser(bob)
        .queryParam("name", model)
        .get(API + "/registered-models/get")
        .then()
        .statusCode(403);
    List<String> names =
        asUser(bob)
            .queryParam("max_results", 1000)
            .get(API + "/registered-models/search")
            .then()
            .statusCode(200)
            .extract()
            .path("registered_models.name");
    assertThat(names == null ? List.<String>of() : names).doesNotContain(model);

    // The owner (MANAGE) replaces bob's grant through the 3.0 API.
    asUser(alice)
        .body(grantBody(bob, "registered_model", model, "READ"))
        .post(USERS + "/permissions/revoke")
        .then()
        .statusCode(200);
    asUser(alice)
        .body(grantBody(bob, "registered_model", model, "EDIT"))
        .post(USERS + "/permissions/grant")
        .then()
        .statusCode(200);
    asUser(bob)
        .body(Map.of("name", model, "description", "edited"))
        .patch(API + "/registered-models/update")
        .then()
        .statusCode(200);
    asUser(bob)
        .body(Map.of("name", model))
        .delete(API + "/registered-models/delete")
        .then()
        .statusCode(403);
    asUser(alice)
        .body(Map.of("name", model))
        .delete(API + "/registered-models/delete")
        .then()
        .statusCode(200);
    // Its permission rows went with it.
    admin()
        .body(grantBody(bob, "registered_model", model, "EDIT"))
        .post(USERS + "/permissions/revoke")
        .then()
        .statusCode(404);
  }
}
