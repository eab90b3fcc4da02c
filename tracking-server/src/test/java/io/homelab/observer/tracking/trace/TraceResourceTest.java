package io.homelab.observer.tracking.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.homelab.observer.tracking.auth.AdminBootstrap;
import io.homelab.observer.tracking.auth.AuthOnProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trace routes over HTTP with auth on: OTLP protobuf ingestion (spans, previews, state from the
 * root span, the experiment header's permission), the v3 JSON shapes, search grammar and errors,
 * and the permission edges a client library never takes (a non-canonical experiment id, spans into
 * another experiment's trace, writes with READ).
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class TraceResourceTest {

  private static final String V3 = "/api/3.0/mlflow";
  private static final String V2 = "/api/2.0/mlflow";

  private String adminPassword;

  @BeforeEach
  void readAdminPassword() throws IOException {
    adminPassword =
        Files.readString(Path.of(AuthOnProfile.dataDir(), AdminBootstrap.PASSWORD_FILE)).trim();
  }

  private static RequestSpecification as(String user) {
    return given().auth().preemptive().basic(user, user + "-password");
  }

  private String newUser(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .auth()
        .preemptive()
        .basic("admin", adminPassword)
        .contentType("application/json")
        .body(Map.of("username", name, "password", name + "-password"))
        .post(V2 + "/users/create")
        .then()
        .statusCode(200);
    return name;
  }

  private static String newExperiment(String user) {
    return as(user)
        .contentType("application/json")
        .body(Map.of("name", "traces-" + UUID.randomUUID()))
        .post(V2 + "/experiments/create")
        .then()
        .statusCode(200)
        .extract()
        .path("experiment_id");
  }

  /** An OTLP ExportTraceServiceRequest with one root span and one child, written by hand. */
  static byte[] otlp(byte[] traceId, long startNanos, boolean error) throws IOException {
    byte[] root =
        span(
            traceId,
            new byte[] {1, 1, 1, 1, 1, 1, 1, 1},
            null,
            "agent",
            startNanos,
            startNanos + 2_000_000_000L,
            error ? 2 : 1,
            Map.<String, Object>of(
                "mlflow.spanInputs", "hi", "score", 1.0E-5, "mlflow.spanType", "AGENT"));
    byte[] child =
        span(
            traceId,
            new byte[] {2, 2, 2, 2, 2, 2, 2, 2},
            new byte[] {1, 1, 1, 1, 1, 1, 1, 1},
            "tool",
            startNanos + 500_000_000L,
            startNanos + 1_000_000_000L,
            1,
            Map.<String, Object>of("mlflow.spanType", "TOOL"));
    byte[] scope =
        message(
            out -> {
              out.writeByteArray(2, root);
              out.writeByteArray(2, child);
            });
    byte[] resourceSpans = message(out -> out.writeByteArray(2, scope));
    return message(out -> out.writeByteArray(1, resourceSpans));
  }

  private static byte[] span(
      byte[] traceId,
      byte[] spanId,
      byte[] parent,
      String name,
      long start,
      long end,
      int status,
      Map<String, Object> attributes)
      throws IOException {
    return message(
        out -> {
          out.writeBytes(1, ByteString.copyFrom(traceId));
          out.writeBytes(2, ByteString.copyFrom(spanId));
          if (parent != null) {
            out.writeBytes(4, ByteString.copyFrom(parent));
          }
          out.writeString(5, name);
          out.writeFixed64(7, start);
          out.writeFixed64(8, end);
          for (Map.Entry<String, Object> a : attributes.entrySet()) {
            byte[] value =
                message(
                    v -> {
                      if (a.getValue() instanceof Double d) {
                        v.writeDouble(4, d);
                      } else {
                        v.writeString(1, (String) a.getValue());
                      }
                    });
            out.writeByteArray(
                9,
                message(
                    kv -> {
                      kv.writeString(1, a.getKey());
                      kv.writeByteArray(2, value);
                    }));
          }
          out.writeByteArray(15, message(s -> s.writeEnum(3, status)));
        });
  }

  interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Writer w) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    w.write(out);
    out.flush();
    return bytes.toByteArray();
  }

  private static byte[] randomTraceId() {
    UUID u = UUID.randomUUID();
    return HexFormat.of().parseHex(u.toString().replace("-", ""));
  }

  @Test
  void otlpSpansMakeATraceReadBackAsMlflowDoes() throws IOException {
    String owner = newUser("otlp-owner");
    String exp = newExperiment(owner);
    byte[] otelId = randomTraceId();
    String traceId = "tr-" + HexFormat.of().formatHex(otelId);
    long start = 1_700_000_000_000_000_000L;

    as(owner)
        .contentType("application/x-protobuf")
        .header("x-mlflow-experiment-id", exp)
        .body(otlp(otelId, start, true))
        .post("/v1/traces")
        .then()
        .statusCode(200);

    as(owner)
        .get(V3 + "/traces/" + traceId)
        .then()
        .statusCode(200)
        .body("trace.trace_info.trace_location.mlflow_experiment.experiment_id", equalTo(exp))
        .body("trace.trace_info.request_time", equalTo("2023-11-14T22:13:20Z"))
        .body("trace.trace_info.execution_duration", equalTo("2s"))
        .body("trace.trace_info.state", equalTo("ERROR"))
        .body("trace.trace_info.request_preview", equalTo("\"hi\""))
        .body("trace.trace_info.tags.'mlflow.traceName'", equalTo("agent"))
        .body("trace.trace_info.tags.'mlflow.trace.spansLocation'", equalTo("TRACKING_STORE"))
        .body(
            "trace.trace_info.tags.'mlflow.artifactLocation'",
            equalTo("mlflow-artifacts:/" + exp + "/traces/" + traceId + "/artifacts"));

    as(owner)
        .queryParam("trace_id", traceId)
        .get("/ajax-api/3.0/mlflow/traces/get")
        .then()
        .statusCode(200)
        .body("trace.spans", hasSize(2))
        .body("trace.spans[0].name", equalTo("agent"))
        .body("trace.spans[0].status.code", equalTo("STATUS_CODE_ERROR"))
        .body("trace.spans[1].parent_span_id", equalTo("AQEBAQEBAQE="))
        .body(
            "trace.spans[0].attributes.find { it.key == 'mlflow.spanInputs' }.value.string_value",
            equalTo("hi"))
        .body(
            "trace.spans[0].attributes.find { it.key == 'score' }.value.double_value",
            equalTo(1.0E-5f))
        .body(
            "trace.spans[0].attributes.find { it.key == 'mlflow.traceRequestId' }.value"
                + ".string_value",
            equalTo(traceId));

    String data =
        as(owner)
            .queryParam("request_id", traceId)
            .get("/ajax-api/2.0/mlflow/get-trace-artifact")
            .then()
            .statusCode(200)
            .header("Content-Disposition", "attachment; filename=traces.json")
            .extract()
            .asString();
    // Attribute values as Python's json.dumps writes them, as MLflow stores them.
    assertThat(data)
        .contains("\"score\":\"1e-05\"")
        .contains("\"mlflow.spanType\":\"\\\"AGENT\\\"\"");

    // Full text and status filters; batchGet answers complete traces.
    as(owner)
        .contentType("application/json")
        .body(
            Map.of(
                "locations",
                List.of(
                    Map.of(
                        "type",
                        "MLFLOW_EXPERIMENT",
                        "mlflow_experiment",
                        Map.of("experiment_id", exp))),
                "filter",
                "trace.text LIKE '%tool%' AND status = 'ERROR' AND execution_time_ms >= 2000"))
        .post(V3 + "/traces/search")
        .then()
        .statusCode(200)
        .body("traces", hasSize(1))
        .body("traces[0].trace_id", equalTo(traceId));
    as(owner)
        .queryParam("trace_ids", traceId, "tr-unknown")
        .get(V3 + "/traces/batchGet")
        .then()
        .statusCode(200)
        .body("traces", hasSize(1))
        .body("traces[0].spans", hasSize(2));

    // Bad input: a clear 400 and nothing stored.
    as(owner)
        .contentType("application/x-protobuf")
        .header("x-mlflow-experiment-id", exp)
        .body(new byte[] {10, 99, 1})
        .post("/v1/traces")
        .then()
        .statusCode(400)
        .body("error_code", equalTo("INVALID_PARAMETER_VALUE"));
    as(owner)
        .contentType("application/json")
        .body(
            Map.of(
                "locations",
                List.of(Map.of("mlflow_experiment", Map.of("experiment_id", exp))),
                "filter",
                "span.name = 'x'"))
        .post(V3 + "/traces/search")
        .then()
        .statusCode(400)
        .body("message", containsString("span."));
  }

  @Test
  void traceWritesNeedEditOnTheTracesExperiment() throws IOException {
    String owner = newUser("trace-owner");
    String reader = newUser("trace-reader");
    String exp = newExperiment(owner);
    byte[] otelId = randomTraceId();
    String traceId = "tr-" + HexFormat.of().formatHex(otelId);

    // READ (the default) may not post spans, start traces, tag or delete.
    as(reader)
        .contentType("application/x-protobuf")
        .header("x-mlflow-experiment-id", exp)
        .body(otlp(otelId, 1_700_000_000_000_000_000L, false))
        .post("/v1/traces")
        .then()
        .statusCode(403);
    Map<String, Object> start =
        Map.of(
            "trace",
            Map.of(
                "trace_info",
                Map.of(
                    "trace_id",
                    traceId,
                    "trace_location",
                    Map.of(
                        "type",
                        "MLFLOW_EXPERIMENT",
                        "mlflow_experiment",
                        Map.of("experiment_id", exp)),
                    "request_time",
                    "2023-11-14T22:13:20.500Z",
                    "execution_duration",
                    "1.250s",
                    "state",
                    "OK",
                    "tags",
                    Map.of("team", "ml"))));
    as(reader)
        .contentType("application/json")
        .body(start)
        .post(V3 + "/traces")
        .then()
        .statusCode(403);
    // A non-canonical id is not checked as one experiment and served as another.
    as(reader)
        .contentType("application/json")
        .body(
            Map.of(
                "locations",
                List.of(Map.of("mlflow_experiment", Map.of("experiment_id", "0" + exp)))))
        .post(V3 + "/traces/search")
        .then()
        .statusCode(403);

    as(owner)
        .contentType("application/json")
        .body(start)
        .post(V3 + "/traces")
        .then()
        .statusCode(200)
        .body("trace.trace_info.request_time", equalTo("2023-11-14T22:13:20.500Z"))
        .body("trace.trace_info.execution_duration", equalTo("1.250s"))
        .body("trace.trace_info.tags.team", equalTo("ml"))
        .body("trace.trace_info.trace_metadata.'mlflow.trace.infoFinalized'", equalTo("true"));
    as(reader).get(V3 + "/traces/" + traceId).then().statusCode(200);
    as(reader)
        .contentType("application/json")
        .body(Map.of("key", "k", "value", "v"))
        .patch(V2 + "/traces/" + traceId + "/tags")
        .then()
        .statusCode(403);
    as(reader)
        .contentType("application/json")
        .body(Map.of("experiment_id", exp, "request_ids", List.of(traceId)))
        .post(V2 + "/traces/delete-traces")
        .then()
        .statusCode(403);

    // The spans of a trace go to its own experiment only.
    String other = newExperiment(owner);
    as(owner)
        .contentType("application/x-protobuf")
        .header("x-mlflow-experiment-id", other)
        .body(otlp(otelId, 1_700_000_000_000_000_000L, false))
        .post("/v1/traces")
        .then()
        .statusCode(400)
        .body("message", containsString("belongs to experiment " + exp));

    // Immutable tags, then delete by age.
    as(owner)
        .contentType("application/json")
        .body(Map.of("key", "mlflow.trace.spansLocation", "value", "X"))
        .patch(V2 + "/traces/" + traceId + "/tags")
        .then()
        .statusCode(400);
    as(owner)
        .contentType("application/json")
        .body(Map.of("experiment_id", exp, "max_timestamp_millis", 1_700_000_000_500L))
        .post(V3 + "/traces/delete-traces")
        .then()
        .statusCode(200)
        .body("traces_deleted", equalTo(1));
    as(owner).get(V3 + "/traces/" + traceId).then().statusCode(404);
  }
}
