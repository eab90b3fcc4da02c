package io.homelab.observer.tracking.logs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.homelab.observer.tracking.AcceptanceProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The central logs API end to end on one store: JSON ingest into search results (words, phrases,
 * operators, prefixes, field and label filters, time range, paging, highlights), at-most-once
 * batches, bad input and bad queries, counts, export, live tail and ingest tokens. Each test uses
 * its own host name, so tests and earlier runs never see each other's lines. Run per store by
 * {@link LogsTest} (SQLite) and {@link PostgresLogsTest}.
 */
public abstract class LogsScenario {

  static final String LOGS = "/api/2.0/homelab/logs";

  /** An hour ago on a whole minute: recent (inside any retention) and bucket-aligned. */
  static final long T0 = (System.currentTimeMillis() - 3_600_000L) / 60_000L * 60_000L;

  String host;

  @BeforeEach
  void uniqueHost() {
    host = "h-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static RequestSpecification admin() {
    return given()
        .auth()
        .preemptive()
        .basic(AcceptanceProfile.ADMIN, AcceptanceProfile.ADMIN_PASSWORD)
        .contentType(ContentType.JSON);
  }

  Map<String, Object> entry(long ts, String service, String level, String message) {
    Map<String, Object> e = new HashMap<>();
    e.put("timestamp", ts);
    e.put("host", host);
    e.put("service", service);
    if (level != null) {
      e.put("level", level);
    }
    e.put("message", message);
    e.put("labels", Map.of("stream", "stdout", "container_name", service + "-1"));
    return e;
  }

  JsonPath ingest(String batchId, List<Map<String, Object>> entries) {
    Map<String, Object> body = new HashMap<>();
    if (batchId != null) {
      body.put("batch_id", batchId);
    }
    body.put("entries", entries);
    return admin().body(body).post(LOGS).then().statusCode(200).extract().jsonPath();
  }

  JsonPath search(String q, Object... params) {
    var spec = admin().queryParam("q", "host:" + host + " (" + q + ")").queryParam("limit", 100);
    for (int i = 0; i < params.length; i += 2) {
      spec = spec.queryParam((String) params[i], params[i + 1]);
    }
    return spec.get(LOGS + "/search").then().statusCode(200).extract().jsonPath();
  }

  List<String> messages(String q) {
    return search(q).getList("entries.message");
  }

  void seed() {
    ingest(
        null,
        List.of(
            entry(T0, "nginx", "info", "GET /api/items 200 in 3 ms"),
            entry(T0 + 1000, "nginx", "warn", "upstream timed out while reading response header"),
            entry(
                T0 + 2000,
                "postgres",
                "error",
                "FATAL: password authentication failed for user bob"),
            entry(T0 + 3000, "postgres", null, "ERROR: disk full on /var/lib/postgresql"),
            entry(T0 + 4000, "nginx", "info", "connection refused by upstream backend-2"),
            entry(T0 + 5000, "app", "debug", "health check ok")));
  }

  @Test
  void jsonIngestIsSearchableByWordsPhrasesOperatorsAndFields() {
    seed();
    assertThat(messages("upstream")).hasSize(2);
    // Newest first.
    assertThat(messages("upstream").get(0)).startsWith("connection refused");
    assertThat(messages("\"timed out\"")).hasSize(1);
    assertThat(messages("\"out timed\"")).isEmpty();
    assertThat(messages("upstream NOT refused")).hasSize(1);
    assertThat(messages("(disk OR password) service:postgres")).hasSize(2);
    assertThat(messages("authent*"))
        .containsExactly("FATAL: password authentication failed for user bob");
    assertThat(messages("level:error")).hasSize(2); // one given, one inferred from "ERROR:"
    assertThat(messages("level:warning")).hasSize(1);
    assertThat(messages("service:ngi*")).hasSize(3);
    assertThat(messages("label.container_name:app-1")).containsExactly("health check ok");
    assertThat(messages("api")).containsExactly("GET /api/items 200 in 3 ms");
    assertThat(messages("NOT service:nginx")).hasSize(3);
    assertThat(messages("upstream OR service:app")).hasSize(3);
    assertThat(messages("-upstream -disk")).hasSize(3);
    assertThat(messages("nothingmatcheshere")).isEmpty();
    JsonPath hit = search("disk full");
    assertThat(hit.getString("entries[0].host")).isEqualTo(host);
    assertThat(hit.getString("entries[0].service")).isEqualTo("postgres");
    assertThat(hit.getString("entries[0].level")).isEqualTo("error");
    assertThat(hit.getLong("entries[0].timestamp")).isEqualTo(T0 + 3000);
    assertThat(hit.getString("entries[0].labels.stream")).isEqualTo("stdout");
    assertThat(hit.getList("entries[0].highlights")).hasSize(2);
    assertThat(hit.getInt("entries[0].highlights[0][0]")).isEqualTo(7);
    assertThat(hit.getInt("entries[0].highlights[1][1]")).isEqualTo(16);
  }

  @Test
  void timeRangeAndPagingNewestFirst() {
    List<Map<String, Object>> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      many.add(entry(T0 + i * 1000L, "cron", "info", "tick number " + i));
    }
    ingest(null, many);
    assertThat(search("tick", "from", T0 + 5000, "to", T0 + 9000).getList("entries")).hasSize(5);
    assertThat(
            search("tick", "from", java.time.Instant.ofEpochMilli(T0 + 20_000).toString())
                .getList("entries"))
        .hasSize(5);
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      var spec = admin().queryParam("q", "host:" + host + " tick").queryParam("limit", 10);
      if (token != null) {
        spec = spec.queryParam("page_token", token);
      }
      JsonPath page = spec.get(LOGS + "/search").then().statusCode(200).extract().jsonPath();
      seen.addAll(page.getList("entries.message"));
      token = page.getString("next_page_token");
    } while (token != null);
    assertThat(seen).hasSize(25);
    assertThat(seen.get(0)).isEqualTo("tick number 24");
    assertThat(seen.get(24)).isEqualTo("tick number 0");
  }

  @Test
  void aBatchIdIsStoredAtMostOnce() {
    String batch = host + "-7";
    List<Map<String, Object>> entries = List.of(entry(T0, "agent", "info", "shipped once"));
    JsonPath first = ingest(batch, entries);
    assertThat(first.getInt("accepted")).isEqualTo(1);
    assertThat(first.getBoolean("duplicate")).isFalse();
    JsonPath again = ingest(batch, entries);
    assertThat(again.getInt("accepted")).isZero();
    assertThat(again.getBoolean("duplicate")).isTrue();
    assertThat(messages("shipped")).hasSize(1);
  }

  @Test
  void badEntriesAreRefusedWholeAndNamed() {
    Map<String, Object> noHost = entry(T0, "svc", "info", "never stored");
    noHost.remove("host");
    admin()
        .body(Map.of("entries", List.of(entry(T0, "svc", "info", "never stored"), noHost)))
        .post(LOGS)
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"))
        .body("message", containsString("entries[1].host"));
    // The body is bound from its bytes (RequestReader.objectBody): the same errors as elsewhere.
    admin()
        .body("{\"entries\": [")
        .post(LOGS)
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"))
        .body("message", containsString("end-of-input"));
    admin()
        .body("{\"entries\": [{\"timestamp\": \"soon\"}]}")
        .post(LOGS)
        .then()
        .statusCode(400)
        .body("message", containsString("entries[0].timestamp"));
    admin().body("[1, 2]").post(LOGS).then().statusCode(400);
    // Bytes that are not UTF-8 inside a message: stored with U+FFFD, as a String body would be.
    byte[] prefix =
        ("{\"entries\": [{\"timestamp\": "
                + T0
                + ", \"host\": \""
                + host
                + "\", \"service\":"
                + " \"svc\", \"message\": \"latin1 caf")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] suffix = "\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] latin1 = new byte[prefix.length + 1 + suffix.length];
    System.arraycopy(prefix, 0, latin1, 0, prefix.length);
    latin1[prefix.length] = (byte) 0xE9;
    System.arraycopy(suffix, 0, latin1, prefix.length + 1, suffix.length);
    admin().body(latin1).post(LOGS).then().statusCode(200).body("accepted", is(1));
    assertThat(messages("latin1")).containsExactly("latin1 caf\uFFFD");
    admin().body(Map.of("batch_id", "x")).post(LOGS).then().statusCode(400);
    assertThat(messages("stored")).isEmpty();
  }

  @Test
  void badQueriesAnswerMlflowsErrorWithThePosition() {
    admin()
        .queryParam("q", "(timeout OR refused")
        .get(LOGS + "/search")
        .then()
        .statusCode(400)
        .body("error_code", is("INVALID_PARAMETER_VALUE"))
        .body("message", containsString("position 1"));
    admin()
        .queryParam("q", "x")
        .queryParam("page_token", "garbage!")
        .get(LOGS + "/search")
        .then()
        .statusCode(400);
    admin().queryParam("from", "yesterday").get(LOGS + "/search").then().statusCode(400);
    admin().queryParam("q", "a AND").get(LOGS + "/counts").then().statusCode(400);
    admin().queryParam("q", "a AND").get(LOGS + "/export").then().statusCode(400);
  }

  @Test
  void countsPerLevelAndServicePerBucket() {
    seed();
    JsonPath byLevel =
        admin()
            .queryParam("q", "host:" + host)
            .queryParam("from", T0)
            .queryParam("to", T0 + 5999)
            .queryParam("bucket", "3s")
            .get(LOGS + "/counts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(byLevel.getLong("bucket_ms")).isEqualTo(3000);
    assertThat(byLevel.getList("buckets")).hasSize(2);
    assertThat(byLevel.getLong("buckets[0].start")).isEqualTo(T0);
    long total = 0;
    for (int i = 0; i < 2; i++) {
      Map<String, Integer> counts = byLevel.getMap("buckets[" + i + "].counts");
      total += counts.values().stream().mapToLong(Integer::longValue).sum();
    }
    assertThat(total).isEqualTo(6);
    JsonPath byService =
        admin()
            .queryParam("q", "host:" + host + " upstream")
            .queryParam("from", T0)
            .queryParam("to", T0 + 5999)
            .queryParam("bucket", "1h")
            .queryParam("by", "service")
            .get(LOGS + "/counts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(byService.getInt("buckets[0].counts.nginx")).isEqualTo(2);
  }

  @Test
  void exportAsJsonLinesAndCsv() {
    seed();
    String jsonl =
        admin()
            .queryParam("q", "host:" + host)
            .get(LOGS + "/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(jsonl.split("\n")).hasSize(6);
    assertThat(jsonl.split("\n")[0]).contains("\"message\":\"health check ok\"");
    String csv =
        admin()
            .queryParam("q", "host:" + host + " service:postgres")
            .queryParam("format", "csv")
            .get(LOGS + "/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String[] rows = csv.split("\r\n");
    assertThat(rows[0]).isEqualTo("time,timestamp,host,service,level,message,labels");
    assertThat(rows).hasSize(3);
    assertThat(rows[1]).contains(",postgres,error,ERROR: disk full on /var/lib/postgresql,");
  }

  @Test
  void liveTailStreamsNewMatchingEntries() throws Exception {
    int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    String q = java.net.URLEncoder.encode("host:" + host + " level:error", StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + LOGS + "/tail?q=" + q))
            .header("Accept", "text/event-stream")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (AcceptanceProfile.ADMIN + ":" + AcceptanceProfile.ADMIN_PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)))
            .build();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<java.io.InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    CompletableFuture<String> firstData =
        CompletableFuture.supplyAsync(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("data:")) {
                    return line;
                  }
                }
                return null;
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    // The subscription is registered once the response started; give it a moment, then log.
    Thread.sleep(300);
    ingest(
        null,
        List.of(
            entry(System.currentTimeMillis(), "web", "info", "not for the tail"),
            entry(System.currentTimeMillis(), "web", "error", "tail me please")));
    String data = firstData.get(10, TimeUnit.SECONDS);
    assertThat(data).contains("tail me please").doesNotContain("not for the tail");
    response.body().close();
  }

  @Test
  void ingestTokensAreAdminMadeAndIngestOnly() {
    String name = "agent-" + host;
    String token =
        admin()
            .body(Map.of("name", name))
            .post(LOGS + "/tokens")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("token.token");
    assertThat(token).startsWith("hlt_");
    admin()
        .get(LOGS + "/tokens")
        .then()
        .statusCode(200)
        .body("tokens.find { it.name == '" + name + "' }.token", org.hamcrest.Matchers.nullValue());
    Map<String, Object> body = Map.of("entries", List.of(entry(T0, "svc", "info", "by token")));
    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(body)
        .post(LOGS)
        .then()
        .statusCode(200)
        .body("accepted", is(1));
    assertThat(messages("token")).containsExactly("by token");
    // The token opens nothing but ingestion.
    given().header("Authorization", "Bearer " + token).get(LOGS + "/search").then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x"))
        .post(LOGS + "/tokens")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "Bearer hlt_wrong")
        .contentType(ContentType.JSON)
        .body(body)
        .post(LOGS)
        .then()
        .statusCode(401)
        .body("error_code", is("UNAUTHENTICATED"));
    given().contentType(ContentType.JSON).body(body).post(LOGS).then().statusCode(401);
    admin().body(Map.of("name", name)).post(LOGS + "/tokens").then().statusCode(400);
    admin().delete(LOGS + "/tokens/" + name).then().statusCode(200);
    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(body)
        .post(LOGS)
        .then()
        .statusCode(401);
  }

  @Test
  void nonAdminsCannotManageTokens() {
    String user = "u" + host;
    admin()
        .body(Map.of("username", user, "password", user + "-password-long"))
        .post("/api/2.0/mlflow/users/create")
        .then()
        .statusCode(200);
    given()
        .auth()
        .preemptive()
        .basic(user, user + "-password-long")
        .contentType(ContentType.JSON)
        .body(Map.of("name", "mine"))
        .post(LOGS + "/tokens")
        .then()
        .statusCode(403)
        .body("error_code", is("PERMISSION_DENIED"));
  }
}
