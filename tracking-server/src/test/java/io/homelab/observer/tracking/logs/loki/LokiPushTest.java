package io.homelab.observer.tracking.logs.loki;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import io.homelab.observer.tracking.AcceptanceProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Loki's push API in its three shapes (JSON, gzip JSON, snappy protobuf as Promtail sends it) into
 * search results, with labels mapped to host, service, level and labels.
 */
@QuarkusTest
@TestProfile(AcceptanceProfile.class)
class LokiPushTest {

  static final String PUSH = "/loki/api/v1/push";
  static final long NS = (System.currentTimeMillis() - 60_000L) * 1_000_000L;

  final String host = "loki-" + UUID.randomUUID().toString().substring(0, 8);

  static RequestSpecification admin() {
    return given()
        .auth()
        .preemptive()
        .basic(AcceptanceProfile.ADMIN, AcceptanceProfile.ADMIN_PASSWORD);
  }

  JsonPath search(String q) {
    return admin()
        .queryParam("q", "host:" + host + " " + q)
        .get("/api/2.0/homelab/logs/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  String json(String line) {
    return "{\"streams\":[{\"stream\":{\"host\":\""
        + host
        + "\",\"job\":\"varlogs\",\"filename\":\"/var/log/syslog\"},\"values\":[[\""
        + NS
        + "\",\""
        + line
        + "\"],[\""
        + (NS + 1_000_000)
        + "\",\"second "
        + line
        + "\"]]}]}";
  }

  @Test
  void jsonPushIsSearchableWithLabels() {
    admin()
        .contentType("application/json")
        .body(json("json pushed"))
        .post(PUSH)
        .then()
        .statusCode(204);
    JsonPath r = search("\"json pushed\"");
    assertThat(r.getList("entries")).hasSize(2);
    assertThat(r.getString("entries[0].message")).isEqualTo("second json pushed");
    assertThat(r.getString("entries[0].service")).isEqualTo("varlogs");
    assertThat(r.getString("entries[0].labels.filename")).isEqualTo("/var/log/syslog");
    assertThat(r.getLong("entries[1].timestamp")).isEqualTo(NS / 1_000_000);
    assertThat(search("label.job:varlogs").getList("entries")).hasSize(2);
  }

  @Test
  void gzipJsonPushIsAccepted() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(json("gzipped").getBytes(StandardCharsets.UTF_8));
    }
    admin()
        .contentType("application/json")
        .header("Content-Encoding", "gzip")
        .body(gz.toByteArray())
        .post(PUSH)
        .then()
        .statusCode(204);
    assertThat(search("gzipped").getList("entries")).hasSize(2);
  }

  @Test
  void snappyProtobufPushAsPromtailSendsIt() throws IOException {
    byte[] proto =
        pushRequest(
            "{host=\"" + host + "\", app=\"api\", level=\"warn\"}",
            List.of("proto line one", "proto line two ✓"));
    SnappyCompressor snappy = new SnappyCompressor();
    byte[] compressed = new byte[snappy.maxCompressedLength(proto.length)];
    int n = snappy.compress(proto, 0, proto.length, compressed, 0, compressed.length);
    admin()
        .contentType("application/x-protobuf")
        .body(Arrays.copyOf(compressed, n))
        .post(PUSH)
        .then()
        .statusCode(204);
    JsonPath r = search("proto");
    assertThat(r.getList("entries.message")).containsExactly("proto line two ✓", "proto line one");
    assertThat(r.getString("entries[0].service")).isEqualTo("api");
    assertThat(r.getString("entries[0].level")).isEqualTo("warn");
  }

  @Test
  void malformedPushesAre400() {
    admin()
        .contentType("application/x-protobuf")
        .body(new byte[] {1, 2, 3, 4, 5})
        .post(PUSH)
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"));
    admin()
        .contentType("application/json")
        .body("{\"streams\":[{\"values\":[[\"x\",\"y\"]]}]}")
        .post(PUSH)
        .then()
        .statusCode(400);
    admin().contentType("text/plain").body("hello").post(PUSH).then().statusCode(400);
  }

  /** logproto.PushRequest with one stream, written field by field. */
  static byte[] pushRequest(String labels, List<String> lines) throws IOException {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    CodedOutputStream s = CodedOutputStream.newInstance(stream);
    s.writeString(1, labels);
    long ts = NS / 1_000_000_000L;
    for (int i = 0; i < lines.size(); i++) {
      ByteArrayOutputStream entry = new ByteArrayOutputStream();
      CodedOutputStream e = CodedOutputStream.newInstance(entry);
      ByteArrayOutputStream time = new ByteArrayOutputStream();
      CodedOutputStream t = CodedOutputStream.newInstance(time);
      t.writeInt64(1, ts + i);
      t.writeInt32(2, 500);
      t.flush();
      e.writeByteArray(1, time.toByteArray());
      e.writeString(2, lines.get(i));
      e.flush();
      s.writeByteArray(2, entry.toByteArray());
    }
    s.flush();
    ByteArrayOutputStream push = new ByteArrayOutputStream();
    CodedOutputStream p = CodedOutputStream.newInstance(push);
    p.writeByteArray(1, stream.toByteArray());
    p.flush();
    return push.toByteArray();
  }
}
