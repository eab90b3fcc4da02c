package io.homelab.observer.tracking.tracemetrics;

import static io.homelab.observer.tracking.auth.AuthOnUsers.admin;
import static io.homelab.observer.tracking.auth.AuthOnUsers.newExperiment;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.homelab.observer.tracking.auth.AuthOnProfile;
import io.homelab.observer.tracking.auth.AuthOnUsers;
import io.homelab.observer.tracking.auth.Grants;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Trace analytics over HTTP with auth on: traces/metrics (counts by status, latency and token
 * statistics by name, hourly buckets, MLflow's refusals) and calculate-filter-correlation (counts
 * and NPMI), each needing READ on the named experiments.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class TraceMetricsResourceTest {

  private static final String V3 = "/api/3.0/mlflow";

  private void trace(
      String exp, String name, String state, String time, String duration, String env, Integer in) {
    Map<String, String> tags = new HashMap<>(Map.of("mlflow.traceName", name, "env", env));
    Map<String, Object> info = new HashMap<>();
    info.put("trace_id", "tr-" + UUID.randomUUID().toString().replace("-", ""));
    info.put(
        "trace_location",
        Map.of("type", "MLFLOW_EXPERIMENT", "mlflow_experiment", Map.of("experiment_id", exp)));
    info.put("request_time", time);
    info.put("execution_duration", duration);
    info.put("state", state);
    info.put("tags", tags);
    if (in != null) {
      info.put(
          "trace_metadata",
          Map.of("mlflow.trace.tokenUsage", "{\"input_tokens\": " + in + ", \"total_tokens\": 1}"));
    }
    admin()
        .body(Map.of("trace", Map.of("trace_info", info)))
        .post(V3 + "/traces")
        .then()
        .statusCode(200);
  }

  private String experimentWithTraces() {
    String exp = newExperiment(admin(), "trace-metrics");
    trace(exp, "a", "OK", "2026-01-01T10:05:00Z", "1s", "prod", 10);
    trace(exp, "a", "OK", "2026-01-01T10:10:00Z", "2s", "prod", 30);
    trace(exp, "b", "ERROR", "2026-01-01T10:20:00Z", "4s", "dev", null);
    trace(exp, "b", "OK", "2026-01-01T11:30:00Z", "3s", "prod", null);
    return exp;
  }

  private Response metrics(String exp, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>(extra);
    body.put("experiment_ids", List.of(exp));
    body.putIfAbsent("view_type", "TRACES");
    return admin().body(body).post(V3 + "/traces/metrics").andReturn();
  }

  @Test
  void aggregatesTracesByDimensionAndTimeBucket() {
    String exp = experimentWithTraces();
    Response byStatus =
        metrics(
            exp,
            Map.of(
                "metric_name", "trace_count",
                "aggregations", List.of(Map.of("aggregation_type", "COUNT")),
                "dimensions", List.of("trace_status")));
    byStatus.then().statusCode(200);
    assertThat(byStatus.<List<String>>path("data_points.dimensions.trace_status"))
        .containsExactly("ERROR", "OK");
    assertThat(byStatus.<List<Float>>path("data_points.values.COUNT")).containsExactly(1f, 3f);
    assertThat(byStatus.<List<String>>path("data_points.metric_name")).containsOnly("trace_count");

    Response latency =
        metrics(
            exp,
            Map.of(
                "metric_name", "latency",
                "aggregations",
                    List.of(
                        Map.of("aggregation_type", "AVG"),
                        Map.of("aggregation_type", "PERCENTILE", "percentile_value", 50)),
                "dimensions", List.of("trace_name")));
    assertThat(latency.<List<String>>path("data_points.dimensions.trace_name"))
        .containsExactly("a", "b");
    assertThat(latency.<List<Float>>path("data_points.values.AVG")).containsExactly(1500f, 3500f);
    assertThat(latency.<List<Float>>path("data_points.values.'P50.0'"))
        .containsExactly(1500f, 3500f);

    Response tokens =
        metrics(
            exp,
            Map.of(
                "metric_name",
                "input_tokens",
                "aggregations",
                List.of(Map.of("aggregation_type", "SUM"))));
    assertThat(tokens.<List<Float>>path("data_points.values.SUM")).containsExactly(40f);

    Response hourly =
        metrics(
            exp,
            Map.of(
                "metric_name",
                "trace_count",
                "aggregations",
                List.of(Map.of("aggregation_type", "COUNT")),
                "time_interval_seconds",
                3600,
                "start_time_ms",
                1767225600000L,
                "end_time_ms",
                1767312000000L));
    assertThat(hourly.<List<String>>path("data_points.dimensions.time_bucket"))
        .containsExactly("2026-01-01T10:00:00+00:00", "2026-01-01T11:00:00+00:00");
    assertThat(hourly.<List<Float>>path("data_points.values.COUNT")).containsExactly(3f, 1f);
  }

  @Test
  void refusesWhatMlflowRefusesAndWhatIsNotImplemented() {
    String exp = newExperiment(admin(), "trace-metrics");
    Map<String, Object> count = Map.of("aggregation_type", "COUNT");
    metrics(exp, Map.of("metric_name", "bogus", "aggregations", List.of(count)))
        .then()
        .statusCode(400)
        .body("error_code", equalTo("INVALID_PARAMETER_VALUE"))
        .body("message", containsString("metric_name must be one of"));
    metrics(
            exp,
            Map.of(
                "metric_name",
                "trace_count",
                "aggregations",
                List.of(count),
                "dimensions",
                List.of("span_name")))
        .then()
        .statusCode(400)
        .body("message", containsString("Found invalid dimension(s): [span_name]"));
    metrics(
            exp,
            Map.of(
                "metric_name",
                "latency",
                "aggregations",
                List.of(Map.of("aggregation_type", "SUM"))))
        .then()
        .statusCode(400)
        .body("message", containsString("Found invalid aggregation_type(s): [SUM]"));
    metrics(
            exp,
            Map.of(
                "metric_name",
                "trace_count",
                "aggregations",
                List.of(count),
                "time_interval_seconds",
                60))
        .then()
        .statusCode(400)
        .body("message", containsString("start_time_ms and end_time_ms are required"));
    metrics(
            exp,
            Map.of(
                "metric_name",
                "trace_count",
                "aggregations",
                List.of(count),
                "filters",
                List.of("trace.status = 'OK'")))
        .then()
        .statusCode(400)
        .body("message", containsString("planned"));
  }

  @Test
  void filterCorrelationCountsAndNpmi() {
    String exp = experimentWithTraces();
    Response r =
        admin()
            .body(
                Map.of(
                    "experiment_ids", List.of(exp),
                    "filter_string1", "tags.env = 'prod'",
                    "filter_string2", "tags.`mlflow.traceName` = 'a'"))
            .post(V3 + "/traces/calculate-filter-correlation")
            .andReturn();
    r.then().statusCode(200);
    assertThat(r.<Integer>path("total_count")).isEqualTo(4);
    assertThat(r.<Integer>path("filter1_count")).isEqualTo(3);
    assertThat(r.<Integer>path("filter2_count")).isEqualTo(2);
    assertThat(r.<Integer>path("joint_count")).isEqualTo(2);
    // log(2*4 / (3*2)) / -log(2/4)
    assertThat(r.<Float>path("npmi")).isCloseTo(0.415f, within(0.001f));
    admin()
        .body(
            Map.of(
                "experiment_ids", List.of(exp),
                "filter_string1", "invalid.filter = 'x'",
                "filter_string2", "tags.env = 'prod'"))
        .post(V3 + "/traces/calculate-filter-correlation")
        .then()
        .statusCode(400)
        .body("message", containsString("Invalid"));
  }

  @Test
  void analyticsNeedReadOnEveryExperiment() {
    String exp = experimentWithTraces();
    String user = "tm-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body(Map.of("username", user, "password", user + "-password"))
        .post("/api/2.0/mlflow/users/create")
        .then()
        .statusCode(200);
    Grants.experiment(AuthOnUsers::admin, exp, user, "NO_PERMISSIONS");
    Map<String, Object> body =
        Map.of(
            "experiment_ids",
            List.of(exp),
            "view_type",
            "TRACES",
            "metric_name",
            "trace_count",
            "aggregations",
            List.of(Map.of("aggregation_type", "COUNT")));
    RequestSpecification asUser =
        given().auth().preemptive().basic(user, user + "-password").contentType("application/json");
    asUser.body(body).post(V3 + "/traces/metrics").then().statusCode(403);
    Grants.experiment(AuthOnUsers::admin, exp, user, "READ");
    given()
        .auth()
        .preemptive()
        .basic(user, user + "-password")
        .contentType("application/json")
        .body(body)
        .post(V3 + "/traces/metrics")
        .then()
        .statusCode(200);
  }
}
