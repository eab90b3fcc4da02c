package io.homelab.observer.tracking.run;

import static io.homelab.observer.tracking.run.RunResourceTest.experiment;
import static io.homelab.observer.tracking.run.RunResourceTest.post;
import static io.homelab.observer.tracking.run.RunResourceTest.run;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The log-batch fast path (LogBatchParser into columns) stores and answers exactly what the general
 * path (bound records) does: each body is sent as is to one run, and with an extra unknown field,
 * which the general path ignores and the fast path never takes, to another.
 */
@QuarkusTest
class LogBatchFastPathTest {

  private final LogBatchParser parser = new LogBatchParser();

  /** The same body read by the general path: MLflow ignores unknown fields, the fast path not. */
  private static String general(String body) {
    return "{\"general_path\":1," + body.substring(1);
  }

  private static String batch(String runId, String metrics) {
    return "{\"run_id\":\"" + runId + "\",\"metrics\":[" + metrics + "]}";
  }

  private static String point(String key, String value, long timestamp, long step) {
    return "{\"key\":\""
        + key
        + "\",\"value\":"
        + value
        + ",\"timestamp\":"
        + timestamp
        + ",\"step\":"
        + step
        + "}";
  }

  @Test
  void pointsAndLatestValuesMatchTheGeneralPath() {
    String exp = experiment();
    String fast = run(exp);
    String slow = run(exp);
    Random random = new Random(19);
    List<String> keys = List.of("z", "a", "m/n", "b.c", "B", "k-1", "k 2", "k:3");
    for (int round = 0; round < 3; round++) {
      List<String> points = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        String key = keys.get(random.nextInt(keys.size()));
        // Few distinct timestamps and steps, so ties, exact duplicates and out-of-order points
        // (the latest-value rule's step, timestamp and value tie-breaks) all occur.
        String value = random.nextInt(5) == 0 ? "-0.5" : Integer.toString(random.nextInt(4));
        points.add(point(key, value, random.nextInt(6), random.nextInt(4) + round));
      }
      if (round > 0) {
        // Rounds with a model and dataset take the full INSERT; round 0 the one without them.
        points.add(
            "{\"key\":\"a\",\"value\":7.25,\"timestamp\":3,\"step\":9,\"model_id\":\"m-1\","
                + "\"dataset_name\":\"train\",\"dataset_digest\":\"d1\"}");
      }
      String metrics = String.join(",", points);
      String plain = batch(fast, metrics);
      assertNotNull(parser.parse(plain.getBytes(StandardCharsets.UTF_8)), "fast path taken");
      post("runs/log-batch", plain).statusCode(200);
      post("runs/log-batch", general(batch(slow, metrics))).statusCode(200);
    }
    assertEquals(latest(slow), latest(fast));
    for (String key : keys) {
      assertEquals(history(slow, key), history(fast, key), key);
    }
  }

  @Test
  void errorsMatchTheGeneralPath() {
    String runId = run(experiment());
    String ok = point("m", "1", 1, 0);
    StringBuilder manyParams = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      manyParams.append(i == 0 ? "" : ",").append("{\"key\":\"p" + i + "\",\"value\":\"v\"}");
    }
    List<String> bodies =
        List.of(
            batch("0123456789abcdef0123456789abcdef", ok),
            "{\"run_id\":\""
                + runId
                + "\",\"params\":[{\"key\":\"q\",\"value\":\"1\"},{\"key\":\"q\",\"value\":\"2\"}]}",
            "{\"run_id\":\"" + runId + "\",\"params\":[{\"key\":\"../q\",\"value\":\"1\"}]}",
            "{\"run_id\":\"" + runId + "\",\"tags\":[{\"key\":\"" + "t".repeat(251) + "\"}]}",
            "{\"run_id\":\"" + runId + "\",\"params\":[" + manyParams + "]}",
            "{\"run_id\":\"" + runId + "\",\"params\":[{\"key\":\"fixed\",\"value\":\"1\"}]}",
            "{\"run_id\":\"" + runId + "\",\"params\":[{\"key\":\"fixed\",\"value\":\"2\"}]}");
    for (String body : bodies) {
      assertNotNull(parser.parse(body.getBytes(StandardCharsets.UTF_8)), body);
      ExtractableResponse<Response> fast = post("runs/log-batch", body).extract();
      ExtractableResponse<Response> slow = post("runs/log-batch", general(body)).extract();
      assertEquals(slow.statusCode(), fast.statusCode(), body);
      assertEquals(slow.asString(), fast.asString(), body);
    }
  }

  /** A body in the charset its Content-Type names is decoded with it, as for every route. */
  @Test
  void declaredCharsetIsHonoured() {
    String runId = run(experiment());
    String body =
        "{\"run_id\":\""
            + runId
            + "\",\"metrics\":["
            + point("m", "1", 1, 0)
            + "],\"tags\":[{\"key\":\"t\",\"value\":\"caf\u00e9\"}]}";
    given()
        .contentType("application/json; charset=ISO-8859-1")
        .body(body.getBytes(StandardCharsets.ISO_8859_1))
        .post("/api/2.0/mlflow/runs/log-batch")
        .then()
        .statusCode(200);
    given()
        .get("/api/2.0/mlflow/runs/get?run_id=" + runId)
        .then()
        .statusCode(200)
        .body("run.data.tags.find { it.key == 't' }.value", org.hamcrest.Matchers.is("caf\u00e9"))
        .body("run.data.metrics[0].key", org.hamcrest.Matchers.is("m"));
    assertEquals(StandardCharsets.UTF_8, RunResource.declaredCharset(null));
    assertEquals(StandardCharsets.UTF_8, RunResource.declaredCharset("application/json"));
    assertEquals(
        StandardCharsets.UTF_8, RunResource.declaredCharset("application/json; charset=nope-9"));
  }

  private static List<Map<String, Object>> latest(String runId) {
    List<Map<String, Object>> metrics =
        new ArrayList<>(
            given()
                .get("/api/2.0/mlflow/runs/get?run_id=" + runId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("run.data.metrics"));
    metrics.sort(Comparator.comparing(m -> (String) m.get("key")));
    return metrics;
  }

  private static List<Object> history(String runId, String key) {
    return given()
        .queryParam("run_id", runId)
        .queryParam("metric_key", key)
        .get("/api/2.0/mlflow/metrics/get-history")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("metrics");
  }
}
