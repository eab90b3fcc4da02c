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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The permission check and the handler read one canonical request: run_id / run_uuid aliases (empty
 * strings, nulls, conflicting values), a field in the query string of a JSON call, a duplicated
 * JSON key and a double-encoded body cannot make the check look at the attacker's run while the
 * handler writes the victim's.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class AliasAttackTest {

  static SecurityFixture f;

  /** Once per class (RestAssured knows the port only once the app runs, not in a BeforeAll). */
  @BeforeEach
  void users() {
    if (f != null) {
      return;
    }
    f = new SecurityFixture();
  }

  private static Map<String, Object> fields(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void aliasedWritesToTheVictimsRunAreRefused() {
    List<Map<String, Object>> forbidden =
        List.of(
            fields("run_id", "", "run_uuid", f.aliceRun, "key", "pwn", "value", "1"),
            fields("run_uuid", f.aliceRun, "key", "pwn", "value", "1"),
            fields("run_id", null, "run_uuid", f.aliceRun, "key", "pwn", "value", "1"),
            fields("run_id", f.aliceRun, "run_uuid", "", "key", "pwn", "value", "1"));
    for (Map<String, Object> body : forbidden) {
      as(f.bob).body(body).post(API + "/runs/log-parameter").then().statusCode(403);
      as(f.bob).body(body).post(API + "/runs/set-tag").then().statusCode(403);
    }
    as(f.bob)
        .body(
            fields(
                "run_id",
                "",
                "run_uuid",
                f.aliceRun,
                "params",
                List.of(Map.of("key", "pwn", "value", "1"))))
        .post(API + "/runs/log-batch")
        .then()
        .statusCode(403);
    as(f.bob)
        .body(fields("run_id", "", "run_uuid", f.aliceRun))
        .post(API + "/runs/delete")
        .then()
        .statusCode(403);
    assertVictimUntouched();
  }

  @Test
  void twoDifferentRunsInOneRequestAre400() {
    for (Map<String, Object> body :
        List.of(
            fields("run_id", f.bobRun, "run_uuid", f.aliceRun, "key", "pwn", "value", "1"),
            fields("run_id", f.aliceRun, "run_uuid", f.bobRun, "key", "pwn", "value", "1"))) {
      as(f.bob)
          .body(body)
          .post(API + "/runs/set-tag")
          .then()
          .statusCode(400)
          .body("error_code", equalTo("INVALID_PARAMETER_VALUE"));
    }
    as(f.bob)
        .queryParam("run_id", f.bobRun)
        .queryParam("run_uuid", f.aliceRun)
        .get(API + "/runs/get")
        .then()
        .statusCode(400)
        .body("error_code", equalTo("INVALID_PARAMETER_VALUE"));
    // A single-valued field given twice is refused, not resolved by whichever reader looks.
    as(f.bob)
        .queryParam("run_id", f.bobRun, f.aliceRun)
        .get(API + "/runs/get")
        .then()
        .statusCode(400);
    assertVictimUntouched();
  }

  @Test
  void theQueryStringOfAJsonCallIsNeverRead() {
    // Auth once read the query when the body lacked the field; the handler read the body alias.
    as(f.bob)
        .queryParam("run_id", f.bobRun)
        .body(fields("run_uuid", f.aliceRun, "key", "pwn", "value", "1"))
        .post(API + "/runs/set-tag")
        .then()
        .statusCode(403);
    as(f.bob)
        .queryParam("run_uuid", f.bobRun)
        .body(fields("run_id", f.aliceRun, "key", "pwn", "value", "1"))
        .post(API + "/runs/set-tag")
        .then()
        .statusCode(403);
    // No run in the body: missing for both readers (400), whatever the query says.
    as(f.bob)
        .queryParam("run_id", f.aliceRun)
        .body(fields("key", "pwn", "value", "1"))
        .post(API + "/runs/set-tag")
        .then()
        .statusCode(400);
    as(f.bob)
        .queryParam("experiment_id", f.bobExperiment)
        .body(fields("experiment_id", f.aliceExperiment))
        .post(API + "/experiments/delete")
        .then()
        .statusCode(403);
    // DELETE: the body when there is one, the query only for a body-less DELETE; auth sees the
    // same source either way.
    as(f.bob)
        .queryParam("name", f.bobModel)
        .body(fields("name", f.aliceModel))
        .delete(API + "/registered-models/delete")
        .then()
        .statusCode(403);
    as(f.bob)
        .queryParam("name", f.aliceModel)
        .delete(API + "/registered-models/delete")
        .then()
        .statusCode(403);
    admin()
        .queryParam("name", f.aliceModel)
        .get(API + "/registered-models/get")
        .then()
        .statusCode(200);
    admin()
        .queryParam("experiment_id", f.aliceExperiment)
        .get(API + "/experiments/get")
        .then()
        .statusCode(200)
        .body("experiment.lifecycle_stage", equalTo("active"));
    assertVictimUntouched();
  }

  @Test
  void duplicateKeysAndDoubleEncodedBodiesCannotSplitTheDecision() {
    String duplicate =
        "{\"run_id\":\""
            + f.bobRun
            + "\",\"key\":\"pwn\",\"value\":\"1\",\"run_id\":\""
            + f.aliceRun
            + "\"}";
    as(f.bob).body(duplicate).post(API + "/runs/set-tag").then().statusCode(400);
    String inner =
        "{\"run_id\":\"\",\"run_uuid\":\"" + f.aliceRun + "\",\"key\":\"pwn\",\"value\":\"1\"}";
    String doubleEncoded = "\"" + inner.replace("\"", "\\\"") + "\"";
    as(f.bob).body(doubleEncoded).post(API + "/runs/set-tag").then().statusCode(403);
    assertVictimUntouched();
  }

  @Test
  void aliasedReadsOfTheVictimsRunAreRefused() {
    as(f.bob)
        .queryParam("run_id", "")
        .queryParam("run_uuid", f.aliceRun)
        .get(API + "/runs/get")
        .then()
        .statusCode(403);
    as(f.bob)
        .queryParam("run_id", "")
        .queryParam("run_uuid", f.aliceRun)
        .queryParam("path", "model/MLmodel")
        .get("/get-artifact")
        .then()
        .statusCode(403);
    as(f.bob)
        .queryParam("run_uuid", f.aliceRun)
        .get(API + "/artifacts/list")
        .then()
        .statusCode(403);
    as(f.bob)
        .queryParam("run_id", "")
        .queryParam("run_uuid", f.aliceRun)
        .queryParam("metric_key", "loss")
        .get(API + "/metrics/get-history")
        .then()
        .statusCode(403);
  }

  @Test
  void legitimateAliasesStillWork() {
    // The Java client sends both names with the same value; old clients only run_uuid.
    as(f.bob)
        .body(fields("run_id", f.bobRun, "run_uuid", f.bobRun, "key", "a", "value", "1"))
        .post(API + "/runs/log-parameter")
        .then()
        .statusCode(200);
    as(f.bob)
        .body(fields("run_id", "", "run_uuid", f.bobRun, "key", "b", "value", "2"))
        .post(API + "/runs/log-parameter")
        .then()
        .statusCode(200);
    Response run = as(f.bob).queryParam("run_uuid", f.bobRun).get(API + "/runs/get");
    run.then().statusCode(200);
    assertThat(run.jsonPath().getList("run.data.params.key", String.class))
        .containsExactlyInAnyOrder("a", "b");
  }

  private void assertVictimUntouched() {
    Response run = f.aliceRunNow();
    run.then().statusCode(200).body("run.info.lifecycle_stage", equalTo("active"));
    assertThat(run.jsonPath().getList("run.data.params", Object.class)).isNullOrEmpty();
    assertThat(run.jsonPath().getList("run.data.tags.key", String.class)).doesNotContain("pwn");
  }
}
