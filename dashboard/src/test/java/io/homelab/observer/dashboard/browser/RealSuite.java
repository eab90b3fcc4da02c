package io.homelab.observer.dashboard.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real controller, tracking server and agent (packaged jars, real dockerd) with test data: the
 * local agent registered, a viewer account, a labelled busybox container that prints a line a
 * second, and an MLflow experiment with three runs. The dashboard under test is pointed at them.
 */
public class RealSuite implements QuarkusTestResourceLifecycleManager {

  static final String ADMIN_PASSWORD = "browser-test-admin-pw";
  static final String VIEWER_PASSWORD = "browser-test-viewer-pw";
  static final String TRACKING_PASSWORD = "browser-test-tracking-pw";
  static final String CONTAINER = "hlo-dash-browser";
  static final String LABEL = "homelab.test";
  static final String LABEL_VALUE = "dashboard-browser";
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  static ServiceProcess controller;
  static ServiceProcess tracking;
  static ServiceProcess agent;
  static String environmentId;
  static String experimentId;
  static int agentMetricsPort;

  /** A word only the seeded log lines contain, for the logs page and the error-logs widget. */
  static final String LOG_WORD = "zebrafinch";

  /** The alert rule seeded: it fires as soon as the test agent has been scraped once. */
  static final String ALERT = "BrowserTestAgentUp";

  static boolean available;

  @Override
  public Map<String, String> start() {
    available =
        Stream.of("controller", "tracking-server", "agent")
            .allMatch(m -> Files.exists(ServiceProcess.jar(m)));
    if (!available) {
      return Map.of();
    }
    try {
      deleteTree(ServiceProcess.WORK);
      controller =
          ServiceProcess.start(
              "controller",
              "CONTROLLER",
              Map.of(
                  "HOMELAB_CONTROLLER_ADMIN_PASSWORD",
                  ADMIN_PASSWORD,
                  // Fast rounds: host charts, alerts and monitors have data within seconds.
                  "HOMELAB_CONTROLLER_SCRAPE_INTERVAL",
                  "2s",
                  "HOMELAB_CONTROLLER_ALERTS_EVALUATION_INTERVAL",
                  "1s",
                  "HOMELAB_CONTROLLER_MONITORS_MIN_INTERVAL",
                  "1s"),
              "/q/health/ready");
      tracking =
          ServiceProcess.start(
              "tracking-server",
              "TRACKING",
              Map.of(
                  "HOMELAB_TRACKING_AUTH_ADMIN_PASSWORD",
                  TRACKING_PASSWORD,
                  "HOMELAB_TRACKING_AUTH_PASSWORD_HASH_ITERATIONS",
                  "10000"),
              "/q/health/ready");
      String key =
          JSON.readTree(get(controller.url() + "/api/public-key", null)).path("publicKey").asText();
      agentMetricsPort = ServiceProcess.freePort();
      agent =
          ServiceProcess.start(
              "agent",
              "AGENT",
              Map.of(
                  "HOMELAB_AGENT_CONTROLLER_PUBLIC_KEY",
                  key,
                  "QUARKUS_MANAGEMENT_PORT",
                  Integer.toString(agentMetricsPort),
                  "QUARKUS_MANAGEMENT_HOST",
                  "127.0.0.1"),
              "/api/ping");
      seed();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(
          "cannot start the suite for the browser tests: " + e.getMessage(), e);
    }
    return Map.of(
        "homelab.dashboard.controller-url",
        controller.url(),
        "homelab.dashboard.tracking-url",
        tracking.url(),
        "homelab.dashboard.tracking-username",
        "admin",
        "homelab.dashboard.tracking-password",
        TRACKING_PASSWORD);
  }

  private static void seed() throws IOException, InterruptedException {
    String token = adminToken();
    JsonNode env =
        JSON.readTree(
            post(
                controller.url() + "/api/environments",
                bearer(token),
                Map.of(
                    "name",
                    "local",
                    "url",
                    agent.url(),
                    "metricsUrl",
                    "http://127.0.0.1:" + agentMetricsPort + "/metrics")));
    environmentId = env.path("id").asText();
    post(
        controller.url() + "/api/alerts/rules",
        bearer(token),
        Map.of(
            "name",
            ALERT,
            "expr",
            "up{job=\"node\"} == 1",
            "labels",
            Map.of("severity", "info"),
            "annotations",
            Map.of("summary", "the test agent answers its scrapes")));
    post(
        controller.url() + "/api/users",
        bearer(token),
        Map.of("username", "viewer", "password", VIEWER_PASSWORD, "role", "viewer"));
    removeTestContainer(token);
    post(
        controller.url() + "/api/environments/" + environmentId + "/containers",
        bearer(token),
        Map.of(
            "image",
                System.getenv()
                    .getOrDefault("HOMELAB_TEST_DOCKER_IMAGE", "homelab-test/busybox:latest"),
            "name", CONTAINER,
            "command",
                List.of("sh", "-c", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done"),
            "labels", Map.of(LABEL, LABEL_VALUE),
            "pull", false));
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + TRACKING_PASSWORD).getBytes(StandardCharsets.UTF_8));
    experimentId =
        JSON.readTree(
                post(
                    tracking.url() + "/api/2.0/mlflow/experiments/create",
                    basic,
                    Map.of("name", "browser-test-" + System.nanoTime())))
            .path("experiment_id")
            .asText();
    long now = System.currentTimeMillis();
    post(
        tracking.url() + "/api/2.0/homelab/logs",
        basic,
        Map.of(
            "entries",
            List.of(
                logLine(now - 3000, "info", "backup started, " + LOG_WORD + " volume"),
                logLine(now - 2000, "warn", "backup slow on " + LOG_WORD),
                logLine(now - 1000, "error", "backup failed: " + LOG_WORD + " disk full"))));
    double[][] losses = {{0.9, 0.6, 0.4}, {0.8, 0.5, 0.3}, {1.2, 1.0, 0.9}};
    for (int r = 0; r < losses.length; r++) {
      String runId =
          JSON.readTree(
                  post(
                      tracking.url() + "/api/2.0/mlflow/runs/create",
                      basic,
                      Map.of(
                          "experiment_id",
                          experimentId,
                          "run_name",
                          "run-" + r,
                          "start_time",
                          System.currentTimeMillis())))
              .path("run")
              .path("info")
              .path("run_id")
              .asText();
      post(
          tracking.url() + "/api/2.0/mlflow/runs/log-parameter",
          basic,
          Map.of("run_id", runId, "key", "lr", "value", "0.0" + (r + 1)));
      for (int step = 0; step < 3; step++) {
        post(
            tracking.url() + "/api/2.0/mlflow/runs/log-metric",
            basic,
            Map.of(
                "run_id",
                runId,
                "key",
                "loss",
                "value",
                losses[r][step],
                "timestamp",
                System.currentTimeMillis(),
                "step",
                step));
      }
      post(
          tracking.url() + "/api/2.0/mlflow/runs/update",
          basic,
          Map.of("run_id", runId, "status", "FINISHED", "end_time", System.currentTimeMillis()));
    }
  }

  private static Map<String, Object> logLine(long ts, String level, String message) {
    return Map.of(
        "timestamp", ts, "host", "nas", "service", "backup", "level", level, "message", message);
  }

  static String adminToken() throws IOException, InterruptedException {
    return JSON.readTree(
            post(
                controller.url() + "/api/auth/login",
                null,
                Map.of("username", "admin", "password", ADMIN_PASSWORD)))
        .path("token")
        .asText();
  }

  static void removeTestContainer(String token) throws IOException, InterruptedException {
    HTTP.send(
        HttpRequest.newBuilder(
                URI.create(
                    controller.url()
                        + "/api/environments/"
                        + environmentId
                        + "/containers/"
                        + CONTAINER
                        + "?force=true"))
            .header("Authorization", bearer(token))
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  @Override
  public void stop() {
    if (!available) {
      return;
    }
    try {
      removeTestContainer(adminToken());
    } catch (Exception e) {
      // best effort; the container is labelled homelab.test=dashboard-browser for manual clean-up
    }
    Stream.of(agent, tracking, controller)
        .filter(java.util.Objects::nonNull)
        .forEach(ServiceProcess::close);
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  static String get(String url, String auth) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (auth != null) b.header("Authorization", auth);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  static String post(String url, String auth, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (auth != null) b.header("Authorization", auth);
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IOException("POST " + url + " -> " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
