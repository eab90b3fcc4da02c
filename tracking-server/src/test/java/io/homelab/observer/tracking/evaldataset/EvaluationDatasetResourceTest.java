package io.homelab.observer.tracking.evaldataset;

import static io.homelab.observer.tracking.auth.AuthOnUsers.admin;
import static io.homelab.observer.tracking.auth.AuthOnUsers.as;
import static io.homelab.observer.tracking.auth.AuthOnUsers.newExperiment;
import static io.homelab.observer.tracking.auth.AuthOnUsers.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.auth.AuthOnProfile;
import io.homelab.observer.tracking.auth.AuthOnUsers;
import io.homelab.observer.tracking.auth.Grants;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluation-dataset routes over HTTP with auth on: MLflow's JSON shapes (tags and records as
 * JSON text), record upsert by inputs with merged expectations and tags, cursor pages, schema and
 * profile, search grammar and errors, experiment links, and the permissions MLflow's auth app
 * applies (a dataset takes its experiments' permissions; create and search must name experiments).
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class EvaluationDatasetResourceTest {

  private static final String DS = "/api/3.0/mlflow/datasets";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode create(String user, String name, List<String> exps, String tags) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("name", name);
    body.put("experiment_ids", exps);
    if (tags != null) {
      body.put("tags", tags);
    }
    return json(as(user)
            .body(body)
            .post(DS + "/create")
            .then()
            .statusCode(200)
            .extract()
            .response())
        .get("dataset");
  }

  private static JsonNode json(Response r) {
    try {
      return JSON.readTree(r.asString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode text(JsonNode field) throws IOException {
    return JSON.readTree(field.asText());
  }

  @Test
  void datasetLifecycleWithRecordsAsMlflowShapesThem() throws IOException {
    String user = newUser("ds");
    String exp = newExperiment(as(user), "datasets");
    JsonNode ds =
        create(user, "qa", List.of(exp), "{\"team\": \"ml\", \"mlflow.user\": \"alice\"}");
    String id = ds.get("dataset_id").asText();
    assertThat(id).startsWith("d-");
    assertThat(ds.get("digest").asText()).matches("[0-9a-f]{8}");
    assertThat(ds.get("created_by").asText()).isEqualTo("alice");
    assertThat(text(ds.get("tags")).get("team").asText()).isEqualTo("ml");
    assertThat(ds.get("experiment_ids").get(0).asText()).isEqualTo(exp);
    assertThat(ds.has("schema")).isFalse();

    String first =
        "[{\"inputs\": {\"q\": \"What is MLflow?\"}, \"expectations\": {\"a\": \"a platform\"},"
            + " \"tags\": {\"difficulty\": \"easy\"}},"
            + " {\"inputs\": {\"q\": \"What is Python?\"}, \"outputs\": \"a language\","
            + " \"source\": {\"source_type\": \"trace\", \"source_data\": {\"trace_id\": \"tr-1\"}}}]";
    as(user)
        .body(Map.of("records", first))
        .post(DS + "/" + id + "/records")
        .then()
        .statusCode(200)
        .body("inserted_count", equalTo(2))
        .body("updated_count", equalTo(0));
    // Same inputs merge; new inputs insert.
    String second =
        "[{\"inputs\": {\"q\": \"What is MLflow?\"}, \"expectations\": {\"b\": 2},"
            + " \"tags\": {\"updated\": \"true\"}},"
            + " {\"inputs\": {\"q\": \"What is Docker?\"}}]";
    as(user)
        .body(Map.of("records", second))
        .post(DS + "/" + id + "/records")
        .then()
        .statusCode(200)
        .body("inserted_count", equalTo(1))
        .body("updated_count", equalTo(1));

    JsonNode got = json(as(user).get(DS + "/" + id).then().statusCode(200).extract().response());
    JsonNode schema = text(got.get("dataset").get("schema"));
    assertThat(schema.get("inputs").get("q").asText()).isEqualTo("string");
    assertThat(schema.get("expectations").get("b").asText()).isEqualTo("integer");
    assertThat(schema.get("outputs").asText()).isEqualTo("string");
    assertThat(text(got.get("dataset").get("profile")).get("num_records").asInt()).isEqualTo(3);
    assertThat(got.get("dataset").get("digest").asText()).isNotEqualTo(ds.get("digest").asText());

    // Two pages of two and one, in (created_time, record id) order.
    JsonNode page1 =
        json(as(user).queryParam("max_results", 2).get(DS + "/" + id + "/records").andReturn());
    JsonNode records1 = text(page1.get("records"));
    assertThat(records1).hasSize(2);
    JsonNode page2 =
        json(
            as(user)
                .queryParam("max_results", 2)
                .queryParam("page_token", page1.get("next_page_token").asText())
                .get(DS + "/" + id + "/records")
                .andReturn());
    assertThat(text(page2.get("records"))).hasSize(1);
    assertThat(page2.has("next_page_token")).isFalse();
    Map<String, JsonNode> byQuestion = new java.util.HashMap<>();
    for (JsonNode r : records1) {
      byQuestion.put(r.get("inputs").get("q").asText(), r);
    }
    byQuestion.put(
        text(page2.get("records")).get(0).get("inputs").get("q").asText(),
        text(page2.get("records")).get(0));
    assertThat(byQuestion)
        .containsOnlyKeys("What is MLflow?", "What is Python?", "What is Docker?");
    JsonNode mlflowRecord = byQuestion.get("What is MLflow?");
    assertThat(mlflowRecord.get("expectations").get("a").asText()).isEqualTo("a platform");
    assertThat(mlflowRecord.get("expectations").get("b").asInt()).isEqualTo(2);
    assertThat(mlflowRecord.get("tags").get("difficulty").asText()).isEqualTo("easy");
    assertThat(mlflowRecord.get("tags").get("updated").asText()).isEqualTo("true");
    assertThat(mlflowRecord.get("outputs").isObject()).isTrue();
    assertThat(mlflowRecord.get("created_time").isIntegralNumber()).isTrue();
    JsonNode pythonRecord = byQuestion.get("What is Python?");
    assertThat(pythonRecord.get("outputs").asText()).isEqualTo("a language");
    assertThat(pythonRecord.get("source_type").asText()).isEqualTo("TRACE");
    assertThat(pythonRecord.get("source_id").asText()).isEqualTo("tr-1");
    as(user)
        .body(Map.of("dataset_record_ids", List.of(pythonRecord.get("dataset_record_id").asText())))
        .delete(DS + "/" + id + "/records")
        .then()
        .statusCode(200)
        .body("deleted_count", equalTo(1));
    JsonNode all = text(json(as(user).get(DS + "/" + id + "/records").andReturn()).get("records"));
    assertThat(all).hasSize(2);

    // Tags: merge, delete one.
    as(user)
        .body(Map.of("tags", "{\"team\": \"data\", \"new\": \"x\"}"))
        .patch(DS + "/" + id + "/tags")
        .then()
        .statusCode(200);
    as(user).delete(DS + "/" + id + "/tags/new").then().statusCode(200);
    JsonNode tags = text(json(as(user).get(DS + "/" + id).andReturn()).get("dataset").get("tags"));
    assertThat(tags.get("team").asText()).isEqualTo("data");
    assertThat(tags.has("new")).isFalse();
    assertThat(tags.get("mlflow.user").asText()).isEqualTo("alice");

    as(user).delete(DS + "/" + id).then().statusCode(200);
    admin()
        .get(DS + "/" + id)
        .then()
        .statusCode(404)
        .body("error_code", equalTo("RESOURCE_DOES_NOT_EXIST"))
        .body("message", equalTo("Evaluation dataset with id '" + id + "' not found"));
  }

  @Test
  void searchFiltersOrdersPagesAndLinksExperiments() {
    String user = newUser("ds");
    String e1 = newExperiment(as(user), "datasets");
    String e2 = newExperiment(as(user), "datasets");
    String e3 = newExperiment(as(user), "datasets");
    create(user, "search_b", List.of(e1), "{\"team\": \"ml\"}");
    create(user, "search_a", List.of(e1, e2), "{\"team\": \"data\"}");
    String c =
        create(user, "search_c", List.of(e2), "{\"team\": \"ml\"}").get("dataset_id").asText();

    List<String> names =
        as(user)
            .body(Map.of("experiment_ids", List.of(e1, e2), "order_by", List.of("name ASC")))
            .post(DS + "/search")
            .then()
            .statusCode(200)
            .extract()
            .path("datasets.name");
    assertThat(names).containsExactly("search_a", "search_b", "search_c");
    List<String> ml =
        as(user)
            .body(
                Map.of(
                    "experiment_ids",
                    List.of(e1, e2),
                    "filter_string",
                    "tags.team = 'ml' AND name LIKE 'search_%'"))
            .post(DS + "/search")
            .then()
            .statusCode(200)
            .extract()
            .path("datasets.name");
    assertThat(ml).containsExactlyInAnyOrder("search_b", "search_c");
    // Default order newest first; pages of one.
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      Map<String, Object> body = new java.util.HashMap<>();
      body.put("experiment_ids", List.of(e1, e2));
      body.put("max_results", 1);
      if (token != null) {
        body.put("page_token", token);
      }
      Response r = as(user).body(body).post(DS + "/search").andReturn();
      seen.addAll(r.path("datasets.name"));
      token = r.path("next_page_token");
    } while (token != null);
    assertThat(seen).containsExactly("search_c", "search_a", "search_b");
    as(user)
        .body(Map.of("experiment_ids", List.of(e1), "filter_string", "colour = 'red'"))
        .post(DS + "/search")
        .then()
        .statusCode(400)
        .body("error_code", equalTo("INVALID_PARAMETER_VALUE"))
        .body("message", containsString("Invalid attribute key 'colour'"));

    // Links: add is idempotent, unknown experiment 404, remove skips unlinked ones.
    List<String> after =
        as(user)
            .body(Map.of("experiment_ids", List.of(e2, e3)))
            .post(DS + "/" + c + "/add-experiments")
            .then()
            .statusCode(200)
            .extract()
            .path("dataset.experiment_ids");
    assertThat(after).containsExactlyInAnyOrder(e2, e3);
    admin()
        .body(Map.of("experiment_ids", List.of("987654")))
        .post(DS + "/" + c + "/add-experiments")
        .then()
        .statusCode(404)
        .body("message", equalTo("No Experiment with id=987654"));
    admin()
        .body(Map.of("experiment_ids", List.of(e1)))
        .post(DS + "/d-missing/add-experiments")
        .then()
        .statusCode(404)
        .body("message", equalTo("Dataset 'd-missing' not found"));
    List<String> left =
        as(user)
            .body(Map.of("experiment_ids", List.of(e1, e2)))
            .post(DS + "/" + c + "/remove-experiments")
            .then()
            .statusCode(200)
            .extract()
            .path("dataset.experiment_ids");
    assertThat(left).containsExactly(e3);
    List<String> ids =
        as(user)
            .get(DS + "/" + c + "/experiment-ids")
            .then()
            .statusCode(200)
            .extract()
            .path("experiment_ids");
    assertThat(ids).containsExactly(e3);
  }

  @Test
  void badInputIsRefusedWithMlflowsErrors() {
    String user = newUser("ds");
    String exp = newExperiment(as(user), "datasets");
    as(user)
        .body(Map.of("experiment_ids", List.of(exp)))
        .post(DS + "/create")
        .then()
        .statusCode(400)
        .body("message", containsString("Missing value for required parameter 'name'"));
    as(user)
        .body(Map.of("name", "x", "experiment_ids", List.of(exp), "tags", "{not json"))
        .post(DS + "/create")
        .then()
        .statusCode(400)
        .body("error_code", equalTo("INVALID_PARAMETER_VALUE"));
    as(user)
        .body(Map.of("name", 5, "experiment_ids", List.of(exp)))
        .post(DS + "/create")
        .then()
        .statusCode(400);
    String id = create(user, "bad-input", List.of(exp), null).get("dataset_id").asText();
    as(user)
        .body(Map.of("records", "{\"inputs\": {}}"))
        .post(DS + "/" + id + "/records")
        .then()
        .statusCode(400)
        .body("message", containsString("expected a JSON list"));
    as(user)
        .body(Map.of("records", "[{\"inputs\": {\"q\": 1}, \"source\": {\"source_type\": \"x\"}}]"))
        .post(DS + "/" + id + "/records")
        .then()
        .statusCode(400)
        .body("message", containsString("Invalid dataset record source type: X"));
    admin()
        .body(Map.of("records", "[]"))
        .post(DS + "/d-unknown/records")
        .then()
        .statusCode(404)
        .body("error_code", equalTo("RESOURCE_DOES_NOT_EXIST"));
    // Nothing stored was lost by the refused requests.
    assertThat(
            (List<?>)
                as(user)
                    .body(Map.of("experiment_ids", List.of(exp)))
                    .post(DS + "/search")
                    .path("datasets"))
        .hasSize(1);
  }

  @Test
  void permissionsFollowTheLinkedExperiments() {
    String owner = newUser("ds");
    String reader = newUser("ds");
    String stranger = newUser("ds");
    String exp = newExperiment(as(owner), "datasets");
    String other = newExperiment(as(reader), "datasets");
    String id = create(owner, "guarded", List.of(exp), null).get("dataset_id").asText();
    Grants.experiment(AuthOnUsers::admin, exp, stranger, "NO_PERMISSIONS");
    Grants.experiment(AuthOnUsers::admin, other, owner, "READ");

    // READ (the default) reads but does not write.
    as(reader).get(DS + "/" + id).then().statusCode(200);
    as(reader).get(DS + "/" + id + "/records").then().statusCode(200);
    as(reader)
        .body(Map.of("records", "[{\"inputs\": {\"q\": 1}}]"))
        .post(DS + "/" + id + "/records")
        .then()
        .statusCode(403);
    as(reader).delete(DS + "/" + id).then().statusCode(403);
    // No permission on the experiment: nothing, searches included.
    as(stranger).get(DS + "/" + id).then().statusCode(403);
    as(stranger)
        .body(Map.of("experiment_ids", List.of(exp)))
        .post(DS + "/search")
        .then()
        .statusCode(403);
    // Unscoped create and search are for admins only (MLflow: no enumerating every dataset).
    as(owner).body(Map.of()).post(DS + "/search").then().statusCode(403);
    admin().body(Map.of()).post(DS + "/search").then().statusCode(200);
    as(owner).body(Map.of("name", "unscoped")).post(DS + "/create").then().statusCode(403);
    // Linking needs EDIT on the experiment being added, not only on the dataset.
    as(owner)
        .body(Map.of("experiment_ids", List.of(other)))
        .post(DS + "/" + id + "/add-experiments")
        .then()
        .statusCode(403);
    as(owner).delete(DS + "/" + id).then().statusCode(200);
    // A deleted (unknown) dataset is refused, not reported, to non-admins.
    as(owner).get(DS + "/" + id).then().statusCode(403);
  }
}
