package io.homelab.observer.tracking.dataset;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The UI's experiments/search-datasets on the shared test app (auth off). */
@QuarkusTest
class DatasetSummaryResourceTest {

  private static final String SEARCH = "/ajax-api/2.0/mlflow/experiments/search-datasets";

  private static String post(String path, Object body, String field) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/2.0/mlflow/" + path)
        .then()
        .statusCode(200)
        .extract()
        .path(field);
  }

  @Test
  void listsEachDatasetOfAnExperimentOnceWithItsContext() {
    String exp =
        post("experiments/create", Map.of("name", "ds-" + UUID.randomUUID()), "experiment_id");
    String other =
        post("experiments/create", Map.of("name", "ds-" + UUID.randomUUID()), "experiment_id");
    for (int i = 0; i < 2; i++) {
      String run = post("runs/create", Map.of("experiment_id", exp), "run.info.run_id");
      given()
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "run_id",
                  run,
                  "datasets",
                  List.of(
                      Map.of(
                          "dataset",
                          Map.of(
                              "name",
                              "iris",
                              "digest",
                              "d1",
                              "source_type",
                              "local",
                              "source",
                              "x"),
                          "tags",
                          List.of(Map.of("key", "mlflow.data.context", "value", "training"))))))
          .post("/api/2.0/mlflow/runs/log-inputs")
          .then()
          .statusCode(200);
    }
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("experiment_ids", List.of(exp, other)))
        .post(SEARCH)
        .then()
        .statusCode(200)
        .body("dataset_summaries.size()", is(1))
        .body("dataset_summaries[0].experiment_id", is(exp))
        .body("dataset_summaries[0].name", is("iris"))
        .body("dataset_summaries[0].digest", is("d1"))
        .body("dataset_summaries[0].context", is("training"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("experiment_ids", List.of(other)))
        .post(SEARCH)
        .then()
        .statusCode(200)
        .body("dataset_summaries", nullValue());
  }

  @Test
  void refusesNoneOrMoreThanTwentyExperiments() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post(SEARCH)
        .then()
        .statusCode(400)
        .body("message", is("SearchDatasets request must specify at least one experiment_id."));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("experiment_ids", IntStream.range(0, 21).mapToObj(String::valueOf).toList()))
        .post(SEARCH)
        .then()
        .statusCode(400)
        .body("message", containsString("cannot specify more than 20 experiment_ids"));
  }
}
