package io.homelab.observer.tracking.metric;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.AcceptanceProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * metrics/get-history and get-history-bulk-interval as MLflow's server answers them (checked
 * against mlflow server 3.17.2): the exact fields of every point, non-finite values as strings,
 * history order, paging boundaries, the empty answer and the errors. Run once per store by {@link
 * MetricHistoryTest} (SQLite) and {@link PostgresMetricHistoryTest}, both with auth on.
 */
abstract class MetricHistoryScenario {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "/api/2.0/mlflow/";

  static RequestSpecification api() {
    return given()
        .auth()
        .preemptive()
        .basic(AcceptanceProfile.ADMIN, AcceptanceProfile.ADMIN_PASSWORD);
  }

  static JsonNode post(String path, String body) {
    String text =
        api()
            .contentType(ContentType.JSON)
            .body(body)
            .post(API + path)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return read(text);
  }

  static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static String newRun() {
    String exp =
        post("experiments/create", "{\"name\":\"history-" + UUID.randomUUID() + "\"}")
            .get("experiment_id")
            .asText();
    return post("runs/create", "{\"experiment_id\":\"" + exp + "\",\"start_time\":1}")
        .get("run")
        .get("info")
        .get("run_id")
        .asText();
  }

  /** Logs points given as JSON value literals, in batches of at most 1,000. */
  static void log(String runId, String key, List<long[]> timestampStep, List<String> values) {
    for (int from = 0; from < values.size(); from += 1000) {
      StringBuilder metrics = new StringBuilder();
      for (int i = from; i < Math.min(values.size(), from + 1000); i++) {
        metrics
            .append(i == from ? "" : ",")
            .append("{\"key\":\"")
            .append(key)
            .append("\",\"value\":")
            .append(values.get(i))
            .append(",\"timestamp\":")
            .append(timestampStep.get(i)[0])
            .append(",\"step\":")
            .append(timestampStep.get(i)[1])
            .append("}");
      }
      post("runs/log-batch", "{\"run_id\":\"" + runId + "\",\"metrics\":[" + metrics + "]}");
    }
  }

  static String history(String runId, String key, Map<String, Object> extra) {
    return api()
        .queryParam("run_id", runId)
        .queryParam("metric_key", key)
        .queryParams(extra)
        .get(API + "metrics/get-history")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void largeHistoryComesWholeInTimestampStepValueOrderWithMlflowsFieldsOnly() {
    String runId = newRun();
    int n = 5_000;
    List<long[]> ts = new ArrayList<>();
    List<String> values = new ArrayList<>();
    // Logged in reverse, with pairs sharing a timestamp: the answer must still be ordered by
    // (timestamp, step, value), not by insertion.
    for (int i = n - 1; i >= 0; i--) {
      ts.add(new long[] {1_700_000_000_000L + i / 2, i});
      values.add(Double.toString(i / 7.0));
    }
    log(runId, "loss", ts, values);

    JsonNode body = read(history(runId, "loss", Map.of()));
    assertThat(fieldNames(body)).containsExactly("metrics");
    JsonNode metrics = body.get("metrics");
    assertThat(metrics).hasSize(n);
    for (int i = 0; i < n; i++) {
      JsonNode m = metrics.get(i);
      assertThat(fieldNames(m)).containsExactly("key", "value", "timestamp", "step");
      assertThat(m.get("key").asText()).isEqualTo("loss");
      assertThat(m.get("step").isIntegralNumber()).isTrue();
      assertThat(m.get("step").asLong()).isEqualTo(i);
      assertThat(m.get("timestamp").asLong()).isEqualTo(1_700_000_000_000L + i / 2);
      assertThat(m.get("value").doubleValue()).isEqualTo(i / 7.0);
    }
  }

  @Test
  void nonFiniteValuesAreStringsAndFiniteOnesRoundTripExactly() {
    String runId = newRun();
    List<String> values =
        List.of(
            "0.5",
            "\"NaN\"",
            "\"Infinity\"",
            "\"-Infinity\"",
            "1e-05",
            "2.5e-310",
            "1.7976931348623157e308",
            "0.1",
            "0.30000000000000004",
            "-3");
    List<long[]> ts = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      ts.add(new long[] {10 + i, i});
    }
    log(runId, "m", ts, values);

    String text = history(runId, "m", Map.of());
    assertThat(text)
        .contains("\"value\":\"NaN\"")
        .contains("\"value\":\"Infinity\"")
        .contains("\"value\":\"-Infinity\"");
    JsonNode metrics = read(text).get("metrics");
    assertThat(metrics).hasSize(values.size());
    assertThat(metrics.get(0).get("value").doubleValue()).isEqualTo(0.5);
    assertThat(metrics.get(1).get("value").asText()).isEqualTo("NaN");
    assertThat(metrics.get(2).get("value").asText()).isEqualTo("Infinity");
    assertThat(metrics.get(3).get("value").asText()).isEqualTo("-Infinity");
    assertThat(metrics.get(4).get("value").doubleValue()).isEqualTo(1e-05);
    assertThat(metrics.get(5).get("value").doubleValue()).isEqualTo(2.5e-310);
    assertThat(metrics.get(6).get("value").doubleValue()).isEqualTo(Double.MAX_VALUE);
    assertThat(metrics.get(7).get("value").doubleValue()).isEqualTo(0.1);
    assertThat(metrics.get(8).get("value").doubleValue()).isEqualTo(0.30000000000000004);
    assertThat(metrics.get(9).get("value").doubleValue()).isEqualTo(-3.0);
    for (int i = 0; i < values.size(); i++) {
      assertThat(metrics.get(i).get("step").asLong()).isEqualTo(i);
    }
  }

  @Test
  void pagesJoinUpToTheWholeHistoryAndStopExactlyAtTheEnd() {
    String runId = newRun();
    int n = 50;
    List<long[]> ts = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ts.add(new long[] {1000 + i, i});
      values.add(Integer.toString(i * 2));
    }
    log(runId, "p", ts, values);

    // Pages of 7: seven full pages with a token, then one of 1 without.
    List<Long> steps = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      JsonNode page =
          read(
              history(
                  runId,
                  "p",
                  token == null
                      ? Map.of("max_results", 7)
                      : Map.of("max_results", 7, "page_token", token)));
      pages++;
      page.get("metrics").forEach(m -> steps.add(m.get("step").asLong()));
      token = page.has("next_page_token") ? page.get("next_page_token").asText() : null;
      assertThat(page.get("metrics")).hasSize(token == null ? 1 : 7);
    } while (token != null);
    assertThat(pages).isEqualTo(8);
    assertThat(steps).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(steps.get(i)).isEqualTo(i);
    }

    // Exactly max_results points left: all of them and no token (MLflow reads one row more).
    JsonNode exact = read(history(runId, "p", Map.of("max_results", n)));
    assertThat(exact.get("metrics")).hasSize(n);
    assertThat(exact.has("next_page_token")).isFalse();
    JsonNode oneShort = read(history(runId, "p", Map.of("max_results", n - 1)));
    assertThat(oneShort.get("metrics")).hasSize(n - 1);
    assertThat(oneShort.get("next_page_token").asText()).isNotEmpty();
    JsonNode last =
        read(
            history(
                runId,
                "p",
                Map.of("max_results", 10, "page_token", oneShort.get("next_page_token").asText())));
    assertThat(last.get("metrics")).hasSize(1);
    assertThat(last.get("metrics").get(0).get("value").doubleValue()).isEqualTo(98.0);

    // A token without max_results: the rest of the history in one page.
    JsonNode rest =
        read(history(runId, "p", Map.of("page_token", oneShort.get("next_page_token").asText())));
    assertThat(rest.get("metrics")).hasSize(1);
  }

  @Test
  void emptyHistoryIsAnEmptyObjectAndErrorsAreMlflows() {
    String runId = newRun();
    // Protobuf's JSON printer leaves an empty list out: MLflow answers {} (also past the end).
    assertThat(history(runId, "never-logged", Map.of())).isEqualTo("{}");
    log(runId, "x", List.<long[]>of(new long[] {1, 0}), List.of("1"));
    assertThat(history(runId, "x", Map.of("page_token", "eyJvZmZzZXQiOiA1MH0="))).isEqualTo("{}");

    JsonNode zero =
        read(
            api()
                .queryParam("run_id", runId)
                .queryParam("metric_key", "x")
                .queryParam("max_results", 0)
                .get(API + "metrics/get-history")
                .then()
                .statusCode(400)
                .extract()
                .asString());
    assertThat(zero.get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(zero.get("message").asText())
        .isEqualTo(
            "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer.");
    JsonNode noKey =
        read(
            api()
                .queryParam("run_id", runId)
                .get(API + "metrics/get-history")
                .then()
                .statusCode(400)
                .extract()
                .asString());
    assertThat(noKey.get("message").asText())
        .startsWith("Missing value for required parameter 'metric_key'");
    JsonNode badToken =
        read(
            api()
                .queryParam("run_id", runId)
                .queryParam("metric_key", "x")
                .queryParam("page_token", "!!!")
                .get(API + "metrics/get-history")
                .then()
                .statusCode(400)
                .extract()
                .asString());
    assertThat(badToken.get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    String missing = UUID.randomUUID().toString().replace("-", "");
    JsonNode noRun =
        read(
            api()
                .queryParam("run_id", missing)
                .queryParam("metric_key", "x")
                .get(API + "metrics/get-history")
                .then()
                .statusCode(404)
                .extract()
                .asString());
    assertThat(noRun.get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
  }

  @Test
  void bulkIntervalNamesTheRunOfEveryPoint() {
    String a = newRun();
    String b = newRun();
    List<long[]> ts = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ts.add(new long[] {100 + i, i});
      values.add(i == 3 ? "\"NaN\"" : Integer.toString(i));
    }
    log(a, "acc", ts, values);
    log(b, "acc", ts.subList(0, 10), values.subList(0, 10));

    JsonNode body =
        read(
            api()
                .queryParam("run_ids", a)
                .queryParam("run_ids", b)
                .queryParam("metric_key", "acc")
                .get("/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    JsonNode metrics = body.get("metrics");
    assertThat(metrics).hasSize(30);
    Iterator<JsonNode> it = metrics.elements();
    for (int i = 0; i < 20; i++) {
      JsonNode m = it.next();
      assertThat(fieldNames(m)).containsExactly("key", "value", "timestamp", "step", "run_id");
      assertThat(m.get("run_id").asText()).isEqualTo(a);
      assertThat(m.get("step").asLong()).isEqualTo(i);
      if (i == 3) {
        assertThat(m.get("value").asText()).isEqualTo("NaN");
      } else {
        assertThat(m.get("value").doubleValue()).isEqualTo(i);
      }
    }
    for (int i = 0; i < 10; i++) {
      assertThat(it.next().get("run_id").asText()).isEqualTo(b);
    }
  }

  /**
   * A batch of more distinct keys than one multi-row upsert holds (2 full chunks of latest values
   * and a remainder), then a second batch where a third of the keys get an older point (ignored), a
   * third a newer one (taken) and a third the same step with a later timestamp (taken): the run's
   * latest values are exactly MLflow's for every key.
   */
  @Test
  void aBatchOfManyKeysMovesEveryKeysLatestValue() {
    String run = newRun();
    int keys = 250;
    StringBuilder first = new StringBuilder();
    StringBuilder second = new StringBuilder();
    for (int k = 0; k < keys; k++) {
      first.append(k == 0 ? "" : ",").append(point("wide/k" + k, k, 1000, 10));
      long[] ts = {500, 1000 + 1, 2000};
      long[] step = {5, 10, 20};
      second.append(k == 0 ? "" : ",").append(point("wide/k" + k, -k, ts[k % 3], step[k % 3]));
    }
    post("runs/log-batch", "{\"run_id\":\"" + run + "\",\"metrics\":[" + first + "]}");
    post("runs/log-batch", "{\"run_id\":\"" + run + "\",\"metrics\":[" + second + "]}");
    JsonNode metrics =
        read(api()
                .queryParam("run_id", run)
                .get(API + "runs/get")
                .then()
                .statusCode(200)
                .extract()
                .asString())
            .get("run")
            .get("data")
            .get("metrics");
    assertThat(metrics).hasSize(keys);
    for (JsonNode m : metrics) {
      int k = Integer.parseInt(m.get("key").asText().substring("wide/k".length()));
      double expected = k % 3 == 0 ? k : -k;
      long step = k % 3 == 0 ? 10 : k % 3 == 1 ? 10 : 20;
      assertThat(m.get("value").asDouble()).as(m.toString()).isEqualTo(expected);
      assertThat(m.get("step").asLong()).as(m.toString()).isEqualTo(step);
    }
  }

  private static String point(String key, double value, long timestamp, long step) {
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
}
