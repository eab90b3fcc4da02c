package io.homelab.observer.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * 16 concurrent writers (runs/create, log-batch, log-metric, log-parameter, set-tag on their own
 * runs and on one shared run) must all succeed: no "database is locked", no lost point. MLflow's
 * own server on SQLite fails this (reference/mlflow.md section 6, PR #6490).
 */
abstract class ConcurrentWritersScenario {

  static final int WRITERS = 16;
  static final int BATCHES = 20;
  static final int METRICS_PER_BATCH = 100;

  // HTTP/1.1 as the MLflow clients (requests, Apache HttpClient) speak it.
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper json = new ObjectMapper();

  private HttpResponse<String> post(String path, Object body) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (AcceptanceProfile.ADMIN + ":" + AcceptanceProfile.ADMIN_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + RestAssured.port + "/api/2.0/mlflow/" + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Basic " + auth)
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (AcceptanceProfile.ADMIN + ":" + AcceptanceProfile.ADMIN_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + RestAssured.port + "/api/2.0/mlflow/" + pathAndQuery))
            .header("Authorization", "Basic " + auth)
            .GET()
            .build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void sixteenConcurrentWritersLoseNothingAndNeverFail() throws Exception {
    HttpResponse<String> exp =
        post("experiments/create", Map.of("name", "concurrency-" + UUID.randomUUID()));
    assertThat(exp.statusCode()).as(exp.body()).isEqualTo(200);
    String expId = json.readTree(exp.body()).get("experiment_id").asText();
    HttpResponse<String> sharedRun = post("runs/create", Map.of("experiment_id", expId));
    String shared = json.readTree(sharedRun.body()).at("/run/info/run_id").asText();

    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    Map<Integer, String> runIds = new ConcurrentHashMap<>();
    AtomicInteger requests = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                HttpResponse<String> created =
                    post(
                        "runs/create",
                        Map.of("experiment_id", expId, "run_name", "writer-" + writer));
                requests.incrementAndGet();
                if (created.statusCode() != 200) {
                  errors.add(created.statusCode() + " " + created.body());
                  return null;
                }
                String runId = json.readTree(created.body()).at("/run/info/run_id").asText();
                runIds.put(writer, runId);
                for (int b = 0; b < BATCHES; b++) {
                  List<Map<String, Object>> metrics = new ArrayList<>();
                  for (int i = 0; i < METRICS_PER_BATCH; i++) {
                    int step = b * METRICS_PER_BATCH + i;
                    metrics.add(
                        Map.of(
                            "key",
                            "loss",
                            "value",
                            1.0 / (step + 1),
                            "timestamp",
                            1_700_000_000_000L + step,
                            "step",
                            step));
                  }
                  check(
                      errors,
                      requests,
                      post(
                          "runs/log-batch",
                          Map.of(
                              "run_id",
                              runId,
                              "metrics",
                              metrics,
                              "params",
                              List.of(Map.of("key", "p" + b, "value", "v")),
                              "tags",
                              List.of(Map.of("key", "t", "value", "b" + b)))));
                  check(
                      errors,
                      requests,
                      post(
                          "runs/log-metric",
                          Map.of(
                              "run_id",
                              shared,
                              "key",
                              "shared",
                              "value",
                              writer,
                              "timestamp",
                              1_700_000_000_000L + b,
                              "step",
                              writer * BATCHES + b)));
                  check(
                      errors,
                      requests,
                      post(
                          "runs/set-tag",
                          Map.of("run_id", shared, "key", "w" + writer, "value", "b" + b)));
                }
                check(
                    errors,
                    requests,
                    post(
                        "runs/log-parameter",
                        Map.of("run_id", shared, "key", "writer-" + writer, "value", "x")));
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();

    assertThat(errors).as("failed requests out of %d", requests.get()).isEmpty();
    assertThat(runIds).hasSize(WRITERS);
    for (String runId : runIds.values()) {
      JsonNode history =
          json.readTree(get("metrics/get-history?run_id=" + runId + "&metric_key=loss").body());
      assertThat(history.get("metrics")).hasSize(BATCHES * METRICS_PER_BATCH);
    }
    JsonNode sharedHistory =
        json.readTree(get("metrics/get-history?run_id=" + shared + "&metric_key=shared").body());
    assertThat(sharedHistory.get("metrics")).hasSize(WRITERS * BATCHES);
    JsonNode sharedRunNow = json.readTree(get("runs/get?run_id=" + shared).body());
    assertThat(sharedRunNow.at("/run/data/params")).hasSize(WRITERS);
  }

  /**
   * Requests that fail inside the write (a changed param, a deleted run) or before it (a bad metric
   * name) while good writers log at full speed: each bad request gets its own 400 and stores
   * nothing, every good request is stored whole. On SQLite these requests share commits (group
   * commit), so this is the test that one job's failure never spills onto its neighbours.
   */
  @Test
  void badBatchesAmongConcurrentGoodOnesFailAloneAndLoseNothingStored() throws Exception {
    HttpResponse<String> exp =
        post("experiments/create", Map.of("name", "mixed-" + UUID.randomUUID()));
    String expId = json.readTree(exp.body()).get("experiment_id").asText();
    String paramRun = runIn(expId);
    String deletedRun = runIn(expId);
    assertThat(post("runs/delete", Map.of("run_id", deletedRun)).statusCode()).isEqualTo(200);
    // The param run's first batch sets p=first; every later batch tries p=<other> with metrics.
    HttpResponse<String> first =
        post(
            "runs/log-batch",
            Map.of(
                "run_id",
                paramRun,
                "metrics",
                List.of(point("m", 0)),
                "params",
                List.of(Map.of("key", "p", "value", "first"))));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

    int goodWriters = 8;
    int rounds = 15;
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    Map<Integer, String> goodRuns = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(goodWriters + 3);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < goodWriters; w++) {
      int writer = w;
      futures.add(
          pool.submit(
              () -> {
                String runId = runIn(expId);
                goodRuns.put(writer, runId);
                start.await();
                for (int b = 0; b < rounds; b++) {
                  List<Map<String, Object>> metrics = new ArrayList<>();
                  for (int i = 0; i < METRICS_PER_BATCH; i++) {
                    metrics.add(point("loss", b * METRICS_PER_BATCH + i));
                  }
                  HttpResponse<String> r =
                      post("runs/log-batch", Map.of("run_id", runId, "metrics", metrics));
                  if (r.statusCode() != 200) {
                    errors.add("good writer: " + r.statusCode() + " " + r.body());
                  }
                }
                return null;
              }));
    }
    // Three bad writers: each request must be answered 400 with MLflow's error, never 200/500.
    futures.add(
        pool.submit(
            badWriter(
                start,
                errors,
                "Changing param values is not allowed",
                rounds,
                b ->
                    Map.of(
                        "run_id",
                        paramRun,
                        "metrics",
                        List.of(point("m", b + 1)),
                        "params",
                        List.of(Map.of("key", "p", "value", "other-" + (b + 1)))))));
    futures.add(
        pool.submit(
            badWriter(
                start,
                errors,
                "must be in the 'active' state",
                rounds,
                b -> Map.of("run_id", deletedRun, "metrics", List.of(point("m", b))))));
    futures.add(
        pool.submit(
            badWriter(
                start,
                errors,
                "must not resolve to other names",
                rounds,
                b ->
                    Map.of(
                        "run_id",
                        goodRuns.getOrDefault(0, paramRun),
                        "metrics",
                        List.of(point("ok", b), point("../escape", b))))));
    start.countDown();
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();

    assertThat(errors).isEmpty();
    for (String runId : goodRuns.values()) {
      assertThat(history(runId, "loss")).hasSize(rounds * METRICS_PER_BATCH);
      assertThat(history(runId, "ok")).isEmpty();
    }
    assertThat(history(paramRun, "m")).hasSize(1); // only the first, accepted batch
    JsonNode paramRunNow = json.readTree(get("runs/get?run_id=" + paramRun).body());
    assertThat(paramRunNow.at("/run/data/params/0/value").asText()).isEqualTo("first");
    assertThat(history(deletedRun, "m")).isEmpty();
  }

  private String runIn(String expId) throws Exception {
    HttpResponse<String> created = post("runs/create", Map.of("experiment_id", expId));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return json.readTree(created.body()).at("/run/info/run_id").asText();
  }

  private static Map<String, Object> point(String key, int step) {
    return Map.of(
        "key", key, "value", step * 0.5, "timestamp", 1_700_000_000_000L + step, "step", step);
  }

  private JsonNode history(String runId, String key) throws Exception {
    HttpResponse<String> r = get("metrics/get-history?run_id=" + runId + "&metric_key=" + key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode metrics = json.readTree(r.body()).get("metrics");
    return metrics == null ? json.createArrayNode() : metrics;
  }

  /** A writer that posts {@code rounds} log-batch bodies, each of which must fail with message. */
  private Callable<Void> badWriter(
      CountDownLatch start,
      ConcurrentLinkedQueue<String> errors,
      String message,
      int rounds,
      IntFunction<Map<String, Object>> body) {
    return () -> {
      start.await();
      for (int b = 0; b < rounds; b++) {
        expectInvalid(errors, message, post("runs/log-batch", body.apply(b)));
      }
      return null;
    };
  }

  private void expectInvalid(
      ConcurrentLinkedQueue<String> errors, String message, HttpResponse<String> response)
      throws Exception {
    JsonNode body = response.statusCode() == 400 ? json.readTree(response.body()) : null;
    if (body == null
        || !"INVALID_PARAMETER_VALUE".equals(body.path("error_code").asText())
        || !body.path("message").asText().contains(message)) {
      errors.add(
          "bad writer expected 400 '"
              + message
              + "': "
              + response.statusCode()
              + " "
              + response.body());
    }
  }

  private static void check(
      ConcurrentLinkedQueue<String> errors, AtomicInteger requests, HttpResponse<String> response) {
    requests.incrementAndGet();
    if (response.statusCode() != 200) {
      errors.add(response.statusCode() + " " + response.body());
    }
  }
}
