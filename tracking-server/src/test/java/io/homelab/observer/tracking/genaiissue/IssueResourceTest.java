package io.homelab.observer.tracking.genaiissue;

import static io.homelab.observer.tracking.auth.AuthOnUsers.admin;
import static io.homelab.observer.tracking.auth.AuthOnUsers.as;
import static io.homelab.observer.tracking.auth.AuthOnUsers.newExperiment;
import static io.homelab.observer.tracking.auth.AuthOnUsers.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.homelab.observer.tracking.auth.AuthOnProfile;
import io.homelab.observer.tracking.auth.AuthOnUsers;
import io.homelab.observer.tracking.auth.Grants;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The issue routes over HTTP with auth on: MLflow's JSON shapes (unset fields left out), defaults,
 * update, search order, filter and pages, MLflow's errors, and the permissions of MLflow 3.17's
 * auth app (an issue takes its experiment's permission; create and search must name an experiment).
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class IssueResourceTest {

  private static final String ISSUES = "/api/3.0/mlflow/issues";

  private static JsonPath create(String user, Map<String, Object> body) {
    return as(user).body(body).post(ISSUES).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void createGetAndUpdateInMlflowsShapes() {
    String owner = newUser("iss");
    String exp = newExperiment(as(owner), "issues");
    JsonPath full =
        create(
            owner,
            Map.of(
                "experiment_id", exp,
                "name", "High latency",
                "description", "slow calls",
                "severity", "high",
                "root_causes", List.of("db", "network"),
                "categories", List.of("latency"),
                "source_run_id", "abc123",
                "created_by", "tester"));
    String id = full.getString("issue.issue_id");
    assertThat(id).startsWith("iss-").hasSize(36);
    assertThat(full.getString("issue.experiment_id")).isEqualTo(exp);
    assertThat(full.getString("issue.status")).isEqualTo("pending");
    assertThat(full.getList("issue.root_causes")).containsExactly("db", "network");
    assertThat(full.getList("issue.categories")).containsExactly("latency");
    assertThat(full.getString("issue.created_by")).isEqualTo("tester");
    assertThat(full.getLong("issue.created_timestamp"))
        .isEqualTo(full.getLong("issue.last_updated_timestamp"));

    JsonPath minimal = create(owner, Map.of("experiment_id", exp, "name", "n", "description", "d"));
    Map<String, Object> shape = minimal.getMap("issue");
    assertThat(shape)
        .containsOnlyKeys(
            "issue_id",
            "experiment_id",
            "name",
            "description",
            "status",
            "created_timestamp",
            "last_updated_timestamp");

    as(owner)
        .get(ISSUES + "/" + id)
        .then()
        .statusCode(200)
        .body("issue.name", equalTo("High latency"))
        .body("issue.severity", equalTo("high"));
    JsonPath updated =
        as(owner)
            .body(Map.of("status", "resolved", "name", "", "description", "fixed"))
            .patch(ISSUES + "/" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(updated.getString("issue.status")).isEqualTo("resolved");
    assertThat(updated.getString("issue.name")).isEqualTo("High latency");
    assertThat(updated.getString("issue.description")).isEqualTo("fixed");
    assertThat(updated.getString("issue.severity")).isEqualTo("high");
    as(owner).get(ISSUES + "/" + id).then().body("issue.status", equalTo("resolved"));
  }

  @Test
  void searchOrdersBySeverityThenNewestAndPages() {
    String owner = newUser("iss");
    String exp = newExperiment(as(owner), "issues");
    String other = newExperiment(as(owner), "issues");
    List<String> ids = new ArrayList<>();
    for (String severity : List.of("low", "high", "medium")) {
      ids.add(
          create(
                  owner,
                  Map.of(
                      "experiment_id", exp,
                      "name", severity,
                      "description", "d",
                      "severity", severity,
                      "source_run_id", "run-" + severity))
              .getString("issue.issue_id"));
    }
    create(owner, Map.of("experiment_id", other, "name", "elsewhere", "description", "d"));

    JsonPath all =
        as(owner)
            .body(Map.of("experiment_id", exp))
            .post(ISSUES + "/search")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(all.getList("issues.name")).containsExactly("high", "medium", "low");
    assertThat(all.getString("next_page_token")).isEmpty();

    JsonPath page1 =
        as(owner)
            .body(Map.of("experiment_id", exp, "max_results", 2))
            .post(ISSUES + "/search")
            .then()
            .extract()
            .jsonPath();
    assertThat(page1.getList("issues.name")).containsExactly("high", "medium");
    JsonPath page2 =
        as(owner)
            .body(
                Map.of(
                    "experiment_id",
                    exp,
                    "max_results",
                    2,
                    "page_token",
                    page1.getString("next_page_token")))
            .post(ISSUES + "/search")
            .then()
            .extract()
            .jsonPath();
    assertThat(page2.getList("issues.name")).containsExactly("low");

    as(owner).body(Map.of("status", "resolved")).patch(ISSUES + "/" + ids.get(0));
    as(owner)
        .body(Map.of("experiment_id", exp, "filter_string", "status = 'resolved'"))
        .post(ISSUES + "/search")
        .then()
        .body("issues.name", equalTo(List.of("low")));
    as(owner)
        .body(
            Map.of(
                "experiment_id",
                exp,
                "filter_string",
                "status != 'resolved' AND source_run_id = 'run-high'"))
        .post(ISSUES + "/search")
        .then()
        .body("issues.name", equalTo(List.of("high")));
    as(owner)
        .body(Map.of("experiment_id", exp, "include_trace_count", true))
        .post(ISSUES + "/search")
        .then()
        .body("issues[0].trace_count", equalTo(0));
  }

  @Test
  void badInputIsRefusedWithMlflowsErrors() {
    String owner = newUser("iss");
    String exp = newExperiment(as(owner), "issues");
    // An unknown experiment: 404 for an admin (others are refused first: no UPDATE on it).
    admin()
        .body(Map.of("experiment_id", "999999", "name", "n", "description", "d"))
        .post(ISSUES)
        .then()
        .statusCode(404)
        .body("error_code", equalTo("RESOURCE_DOES_NOT_EXIST"));
    as(owner)
        .body(Map.of("experiment_id", exp, "name", "n"))
        .post(ISSUES)
        .then()
        .statusCode(400)
        .body("error_code", equalTo("INVALID_PARAMETER_VALUE"))
        .body("message", containsString("description"));
    as(owner)
        .body(Map.of("experiment_id", exp, "name", "n", "description", "d", "status", "open"))
        .post(ISSUES)
        .then()
        .statusCode(400)
        .body("error_code", equalTo("INVALID_PARAMETER_VALUE"));
    admin()
        .get(ISSUES + "/iss-nonexistent")
        .then()
        .statusCode(404)
        .body("message", equalTo("Issue with ID 'iss-nonexistent' not found"));
    as(owner)
        .body(Map.of("experiment_id", exp, "filter_string", "name = 'x'"))
        .post(ISSUES + "/search")
        .then()
        .statusCode(400)
        .body("message", containsString("Invalid filter field 'name'"));
    as(owner)
        .body(Map.of("experiment_id", exp, "max_results", 0))
        .post(ISSUES + "/search")
        .then()
        .statusCode(400)
        .body("message", containsString("It must be a positive integer"));
  }

  @Test
  void permissionsFollowTheIssuesExperiment() {
    String owner = newUser("iss");
    String reader = newUser("iss");
    String stranger = newUser("iss");
    String exp = newExperiment(as(owner), "issues");
    Grants.experiment(AuthOnUsers::admin, exp, stranger, "NO_PERMISSIONS");
    String id =
        create(owner, Map.of("experiment_id", exp, "name", "n", "description", "d"))
            .getString("issue.issue_id");

    // READ (the default) reads and searches but neither creates nor updates.
    as(reader).get(ISSUES + "/" + id).then().statusCode(200);
    as(reader).body(Map.of("experiment_id", exp)).post(ISSUES + "/search").then().statusCode(200);
    as(reader)
        .body(Map.of("experiment_id", exp, "name", "n", "description", "d"))
        .post(ISSUES)
        .then()
        .statusCode(403);
    as(reader).body(Map.of("status", "resolved")).patch(ISSUES + "/" + id).then().statusCode(403);
    // No permission: nothing.
    as(stranger).get(ISSUES + "/" + id).then().statusCode(403);
    as(stranger).body(Map.of("experiment_id", exp)).post(ISSUES + "/search").then().statusCode(403);
    // Unscoped search is for admins only; an unknown issue is refused, not reported.
    as(owner).body(Map.of()).post(ISSUES + "/search").then().statusCode(403);
    admin().body(Map.of()).post(ISSUES + "/search").then().statusCode(200);
    as(owner).get(ISSUES + "/iss-unknown").then().statusCode(403);
  }
}
