package io.homelab.observer.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * MLflow 3's prompt registry and registered scorers through the real Python client, as a non-admin
 * user with auth on (src/test/resources/python/genai_scenario.py): register_prompt twice,
 * load_prompt by version, alias and {@code @latest}, search_prompts (and prompts kept out of
 * registered-model search); a make_judge scorer registered twice, listed, read back and deleted.
 */
@QuarkusTest
@TestProfile(AcceptanceProfile.class)
class GenaiPythonClientTest {

  @Test
  void promptRegistryAndScorersRoundTripThroughThePythonClient() throws Exception {
    String user = "genai-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .auth()
        .preemptive()
        .basic(AcceptanceProfile.ADMIN, AcceptanceProfile.ADMIN_PASSWORD)
        .contentType("application/json")
        .body(Map.of("username", user, "password", user + "-password"))
        .post("/api/2.0/mlflow/users/create")
        .then()
        .statusCode(200);
    Map<String, String> env = new HashMap<>(PythonClientScenario.clientEnv(user + "-password"));
    env.put("MLFLOW_TRACKING_USERNAME", user);

    PythonClientScenario.ProcessResult result =
        PythonClientScenario.runScript("genai_scenario.py", env);

    assertThat(result.exit()).as(result.output()).isZero();
    String[] lines = result.output().strip().split("\n");
    JsonNode out = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertThat(out.get("versions").toString()).isEqualTo("[1,2]");
    assertThat(out.get("v1").asText()).isEqualTo("Hello Ada!");
    assertThat(out.get("prod").asInt()).isEqualTo(1);
    assertThat(out.get("latest").asInt()).isEqualTo(2);
    assertThat(out.get("searched").asBoolean()).isTrue();
    assertThat(out.get("models").asBoolean()).as("prompts are not registered models").isFalse();
    assertThat(out.get("scorers").toString()).isEqualTo(List.of("\"politeness\"").toString());
    assertThat(out.get("instructions").asText())
        .isEqualTo("Is the answer in {{ outputs }} polite?");
    assertThat(out.get("after_delete").size()).isZero();
  }
}
