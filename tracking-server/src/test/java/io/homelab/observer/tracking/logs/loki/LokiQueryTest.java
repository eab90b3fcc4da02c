package io.homelab.observer.tracking.logs.loki;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.homelab.observer.tracking.AcceptanceProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Loki query subset as Grafana's Loki data source calls it: labels, label values, query_range
 * with stream selectors and line filters (streams), count_over_time and rate by labels (matrix), in
 * Loki's JSON.
 */
@QuarkusTest
@TestProfile(AcceptanceProfile.class)
class LokiQueryTest {

  static final String LOKI = "/loki/api/v1";
  final String job = "j" + UUID.randomUUID().toString().substring(0, 8);
  // A whole minute, 10 minutes ago: every line falls in (t0, t0 + 1m], the range a 1m point at
  // t0 + 1m counts (Loki: a point at t covers the range ending at t).
  final long t0 = (System.currentTimeMillis() - 600_000L) / 60_000L * 60_000L;

  static RequestSpecification admin() {
    return given()
        .auth()
        .preemptive()
        .basic(AcceptanceProfile.ADMIN, AcceptanceProfile.ADMIN_PASSWORD);
  }

  @BeforeEach
  void push() {
    StringBuilder body = new StringBuilder("{\"streams\":[");
    String[][] streams = {{"web", "prod"}, {"web", "stage"}, {"db", "prod"}};
    for (int s = 0; s < streams.length; s++) {
      body.append(s == 0 ? "" : ",")
          .append("{\"stream\":{\"job\":\"")
          .append(job)
          .append("\",\"app\":\"")
          .append(streams[s][0])
          .append("\",\"env\":\"")
          .append(streams[s][1])
          .append("\",\"host\":\"h1\"},\"values\":[");
      for (int i = 0; i < 4; i++) {
        long ns = (t0 + 1000L + s * 1000L + i * 10_000L) * 1_000_000L;
        body.append(i == 0 ? "" : ",")
            .append("[\"")
            .append(ns)
            .append("\",\"")
            .append(i % 2 == 0 ? "GET /ok 200" : "POST /fail 500 error")
            .append("\"]");
      }
      body.append("]}");
    }
    body.append("]}");
    admin()
        .contentType("application/json")
        .body(body.toString())
        .post(LOKI + "/push")
        .then()
        .statusCode(204);
  }

  JsonPath range(Map<String, Object> params) {
    return admin()
        .queryParams(params)
        .queryParam("start", Long.toString(t0 * 1_000_000L))
        .queryParam("end", Long.toString((t0 + 60_000) * 1_000_000L))
        .get(LOKI + "/query_range")
        .then()
        .statusCode(200)
        .body("status", is("success"))
        .extract()
        .jsonPath();
  }

  @Test
  void instantQueriesAnswerAVectorOrTheStreamsOfTheHourBefore() {
    // At t0 + 1m every line of the minute is inside [1m]: 12 lines, 6 of them errors.
    String raw =
        admin()
            .queryParam(
                "query", "sum by (app) (count_over_time({job=\"" + job + "\"} |= \"error\" [1m]))")
            .queryParam("time", Long.toString((t0 + 60_000) / 1000))
            .get(LOKI + "/query")
            .then()
            .statusCode(200)
            .body("status", is("success"))
            .extract()
            .asString();
    JsonPath vector = JsonPath.from(raw);
    assertThat(vector.getString("data.resultType")).isEqualTo("vector");
    assertThat(vector.getString("data.result.find { it.metric.app == 'web' }.value[1]"))
        .isEqualTo("4");
    assertThat(vector.getString("data.result.find { it.metric.app == 'db' }.value[1]"))
        .isEqualTo("2");
    // The sample time as Loki writes it, in seconds (JsonPath would read it as a float).
    assertThat(raw.replaceAll("\\s", "")).contains("\"value\":[" + (t0 + 60_000) / 1000);
    JsonPath streams =
        admin()
            .queryParam("query", "{job=\"" + job + "\", app=\"db\"}")
            .queryParam("time", Long.toString((t0 + 120_000) * 1_000_000L))
            .get(LOKI + "/query")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(streams.getString("data.resultType")).isEqualTo("streams");
    assertThat(streams.getList("data.result[0].values")).hasSize(4);
    admin().queryParam("query", "{job=~\".*\"}").get(LOKI + "/query").then().statusCode(400);
  }

  @Test
  void labelsAndValues() {
    List<String> labels =
        admin().get(LOKI + "/labels").then().statusCode(200).extract().jsonPath().getList("data");
    assertThat(labels).contains("job", "app", "env", "host", "service");
    List<String> values =
        admin()
            .get(LOKI + "/label/job/values")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("data");
    assertThat(values).contains(job);
  }

  @Test
  void streamSelectorsAndLineFilters() {
    JsonPath r =
        range(Map.of("query", "{job=\"" + job + "\", app=\"web\"} |= \"error\"", "limit", 100));
    assertThat(r.getString("data.resultType")).isEqualTo("streams");
    assertThat(r.getList("data.result")).hasSize(2);
    assertThat(r.getList("data.result.values.flatten()")).isNotEmpty();
    List<List<String>> values = r.getList("data.result[0].values");
    assertThat(values).hasSize(2);
    assertThat(values.get(0).get(1)).isEqualTo("POST /fail 500 error");
    assertThat(
            range(
                    Map.of(
                        "query",
                        "{job=\"" + job + "\", env=~\"pro.*\"} != \"error\" |~ \"GET /o+k\""))
                .getList("data.result.values.flatten()"))
        .hasSize(8); // 4 [time, line] pairs, flattened
    assertThat(
            range(Map.of("query", "{job=\"" + job + "\", app!=\"web\"} !~ \"5\\\\d\\\\d\""))
                .getList("data.result.values.flatten()"))
        .hasSize(4); // 2 pairs
    // Newest first by default; forward gives the oldest first.
    List<List<String>> fwd =
        range(Map.of("query", "{job=\"" + job + "\", app=\"db\"}", "direction", "forward"))
            .getList("data.result[0].values");
    assertThat(Long.parseLong(fwd.get(0).get(0))).isLessThan(Long.parseLong(fwd.get(3).get(0)));
  }

  @Test
  void countOverTimeAndRateByLabels() {
    JsonPath r =
        range(
            Map.of(
                "query",
                "sum by (app) (count_over_time({job=\"" + job + "\"} |= \"error\" [1m]))",
                "step",
                "60s"));
    assertThat(r.getString("data.resultType")).isEqualTo("matrix");
    assertThat(r.getList("data.result")).hasSize(2);
    for (int i = 0; i < 2; i++) {
      String app = r.getString("data.result[" + i + "].metric.app");
      List<List<Object>> values = r.getList("data.result[" + i + "].values");
      assertThat(values).hasSize(1);
      assertThat(values.get(0).get(1)).isEqualTo(app.equals("web") ? "4" : "2");
    }
    JsonPath rate =
        range(Map.of("query", "rate({job=\"" + job + "\", app=\"db\"}[1m])", "step", "60"));
    assertThat(rate.getList("data.result")).hasSize(1);
    List<List<Object>> v = rate.getList("data.result[0].values");
    assertThat(new java.math.BigDecimal(v.get(0).get(1).toString()).doubleValue())
        .isEqualTo(4 / 60.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void badLogQlIs400WithThePosition() {
    admin()
        .queryParam("query", "{job=\"x\"")
        .get(LOKI + "/query_range")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"))
        .body("message", containsString("position"));
    admin().queryParam("query", "{job=~\".*\"}").get(LOKI + "/query_range").then().statusCode(400);
    admin()
        .queryParam("query", "{job=\"x\"} |~ \"(\"")
        .get(LOKI + "/query_range")
        .then()
        .statusCode(400);
  }
}
