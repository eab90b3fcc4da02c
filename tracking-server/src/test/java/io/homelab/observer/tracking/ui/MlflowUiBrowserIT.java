package io.homelab.observer.tracking.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * MLflow's own web UI (the pip-installed mlflow's {@code server/js/build} in the test venv) served
 * by the packaged tracking server with auth on, driven in headless Chromium: experiments list, a
 * run's metric chart, compare runs, registered models. Screenshots go to target/screenshots/ (or
 * {@code -Dhomelab.test.screenshots-dir}, to refresh docs/screenshots/).
 */
class MlflowUiBrowserIT {

  static final String PASSWORD = "mlflow-ui-it-admin-password";
  static final String USER_PASSWORD = "mlflow-ui-it-reader-password";
  static final Path SCREENSHOTS =
      Path.of(System.getProperty("homelab.test.screenshots-dir", "target/screenshots"));
  static final ObjectMapper JSON = new ObjectMapper();

  static Process server;
  static Path log;
  static String base;
  static ChromeDriver browser;
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  static String experimentId;
  static String otherExperimentId;
  static String runA;
  static String runB;

  @BeforeAll
  static void start() throws Exception {
    String python = System.getenv("HOMELAB_TEST_PYTHON");
    assumeTrue(
        python != null && System.getenv("HOMELAB_TEST_CHROMIUM") != null,
        "HOMELAB_TEST_PYTHON/_CHROMIUM not set: source target/test-env/env.sh");
    Optional<Path> ui = uiBuild(Path.of(python));
    assertThat(ui).as("mlflow/server/js/build in the test venv of " + python).isPresent();
    Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("packaged server (mvn verify builds it before integration tests)").exists();
    Path data = Files.createDirectories(Path.of("target/it-data/mlflow-ui-" + System.nanoTime()));
    log = data.resolve("server.log");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
    pb.environment().put("HOMELAB_TRACKING_DATA_DIR", data.toAbsolutePath().toString());
    pb.environment().put("HOMELAB_TRACKING_AUTH_ADMIN_PASSWORD", PASSWORD);
    pb.environment().put("HOMELAB_TRACKING_UI_DIR", ui.get().toString());
    server = pb.start();
    waitForHealth();
    logData();
  }

  /** The UI build of the venv's mlflow: {@code <venv>/lib/python3.X/site-packages/...}. */
  static Optional<Path> uiBuild(Path python) throws IOException {
    Path lib = python.toAbsolutePath().getParent().getParent().resolve("lib");
    if (!Files.isDirectory(lib)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> versions = Files.newDirectoryStream(lib, "python3*")) {
      for (Path v : versions) {
        Path build = v.resolve("site-packages/mlflow/server/js/build");
        if (Files.isRegularFile(build.resolve("index.html"))) {
          return Optional.of(build);
        }
      }
    }
    return Optional.empty();
  }

  static void waitForHealth() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      assertThat(server.isAlive()).as("server exited early: " + tail()).isTrue();
      try {
        if (send("GET", "/health", null, null).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      assertThat(System.nanoTime()).as("server did not start: " + tail()).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  /**
   * Two runs with a loss curve, a registered model with a version, and an experiment for the reader
   * test.
   */
  static void logData() throws Exception {
    experimentId =
        api("experiments/create", Map.of("name", "ui-experiment")).get("experiment_id").asText();
    otherExperimentId =
        api("experiments/create", Map.of("name", "ui-hidden-experiment"))
            .get("experiment_id")
            .asText();
    List<String> runs = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (String name : List.of("run-alpha", "run-beta")) {
      String run =
          api(
                  "runs/create",
                  Map.of("experiment_id", experimentId, "run_name", name, "start_time", now))
              .path("run")
              .path("info")
              .path("run_id")
              .asText();
      List<Map<String, Object>> metrics = new ArrayList<>();
      for (int step = 0; step < 10; step++) {
        double loss = 1.0 / (step + 1) + (name.equals("run-beta") ? 0.2 : 0.0);
        metrics.add(Map.of("key", "loss", "value", loss, "timestamp", now + step, "step", step));
      }
      api(
          "runs/log-batch",
          Map.of(
              "run_id",
              run,
              "metrics",
              metrics,
              "params",
              List.of(Map.of("key", "lr", "value", "0.01"))));
      api("runs/update", Map.of("run_id", run, "status", "FINISHED", "end_time", now + 60_000));
      runs.add(run);
    }
    runA = runs.get(0);
    runB = runs.get(1);
    api("registered-models/create", Map.of("name", "ui-model"));
    api(
        "model-versions/create",
        Map.of("name", "ui-model", "source", "runs:/" + runA + "/model", "run_id", runA));
    api("users/create", Map.of("username", "reader", "password", USER_PASSWORD));
    // MLflow 3's way to shut a user out of one experiment: a DENY grant.
    HttpResponse<String> denied =
        send(
            "POST",
            "/api/3.0/mlflow/users/permissions/grant",
            JSON.writeValueAsString(
                Map.of(
                    "username",
                    "reader",
                    "resource_type",
                    "experiment",
                    "resource_id",
                    otherExperimentId,
                    "permission",
                    "DENY")),
            auth("admin", PASSWORD));
    assertThat(denied.statusCode()).as(denied.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  @Test
  void staticFilesAndLandingPageNeedTheSameBasicAuthAsTheApi() throws Exception {
    HttpResponse<String> anonymous = send("GET", "/", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"mlflow\"");
    assertThat(send("GET", "/static-files/favicon.ico", null, null).statusCode()).isEqualTo(401);

    HttpResponse<String> index = send("GET", "/", null, auth("admin", PASSWORD));
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains("static-files/static/js/main.");
    assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
    HttpResponse<String> icon =
        send("GET", "/static-files/favicon.ico", null, auth("admin", PASSWORD));
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Cache-Control")).hasValue("public, max-age=2419200");
    assertThat(
            send("GET", "/static-files/no-such-file.js", null, auth("admin", PASSWORD))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            send("GET", "/static-files/%2e%2e/%2e%2e/__init__.py", null, auth("admin", PASSWORD))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            send("GET", "/ajax-api/3.0/mlflow/ui-telemetry", null, auth("reader", USER_PASSWORD))
                .body())
        .contains("\"disable_ui_telemetry\":true");
  }

  @Test
  void graphqlAnswersOnlyWhatTheCallerMayRead() throws Exception {
    String query =
        "query q { mlflowGetExperiment(input: {experimentId: \"%s\"}) { experiment { name } } }";
    JsonNode visible = graphql(String.format(query, experimentId), auth("reader", USER_PASSWORD));
    assertThat(visible.at("/data/mlflowGetExperiment/experiment/name").asText())
        .isEqualTo("ui-experiment");
    JsonNode hidden =
        graphql(String.format(query, otherExperimentId), auth("reader", USER_PASSWORD));
    assertThat(hidden.at("/data/mlflowGetExperiment").isNull()).as(hidden.toString()).isTrue();
    JsonNode admin = graphql(String.format(query, otherExperimentId), auth("admin", PASSWORD));
    assertThat(admin.at("/data/mlflowGetExperiment/experiment/name").asText())
        .isEqualTo("ui-hidden-experiment");
  }

  @Test
  void mlflowUiShowsExperimentsRunChartComparisonAndModels() throws Exception {
    ChromeDriver d = browser();
    d.get(base + "/#/experiments");
    waitForText(d, "ui-experiment");
    screenshot(d, "mlflow-ui-experiments");

    d.get(base + "/#/experiments/" + experimentId + "/runs/" + runA + "/model-metrics");
    waitForText(d, "loss");
    new WebDriverWait(d, Duration.ofSeconds(60))
        .until(x -> !x.findElements(By.cssSelector("svg.main-svg, canvas")).isEmpty());
    screenshot(d, "mlflow-ui-run-metrics");

    String runs = URLEncoder.encode("[\"" + runA + "\",\"" + runB + "\"]", StandardCharsets.UTF_8);
    String exps = URLEncoder.encode("[\"" + experimentId + "\"]", StandardCharsets.UTF_8);
    d.get(base + "/#/compare-runs?runs=" + runs + "&experiments=" + exps);
    waitForText(d, "run-alpha");
    waitForText(d, "run-beta");
    screenshot(d, "mlflow-ui-compare");

    d.get(base + "/#/models");
    waitForText(d, "ui-model");
    screenshot(d, "mlflow-ui-models");
  }

  static void waitForText(ChromeDriver d, String text) {
    new WebDriverWait(d, Duration.ofSeconds(60))
        .withMessage(() -> "page never showed '" + text + "'; server log: " + tail())
        .until(x -> x.getPageSource().contains(text));
  }

  /**
   * Headless Chromium cannot answer the basic-auth prompt, and credentials in the URL would break
   * the UI's relative fetches; the DevTools protocol adds the header a browser sends after the
   * prompt to every request instead.
   */
  static ChromeDriver browser() {
    if (browser != null) {
      return browser;
    }
    ChromeOptions o = new ChromeOptions();
    o.setBinary(System.getenv("HOMELAB_TEST_CHROMIUM"));
    o.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000");
    ChromeDriverService.Builder service = new ChromeDriverService.Builder().usingAnyFreePort();
    String driver = System.getenv("HOMELAB_TEST_CHROMEDRIVER");
    if (driver != null) {
      service.usingDriverExecutable(Path.of(driver).toFile());
    }
    browser = new ChromeDriver(service.build(), o);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    browser.manage().window().setSize(new Dimension(1400, 1000));
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand(
        "Network.setExtraHTTPHeaders",
        Map.of("headers", Map.of("Authorization", auth("admin", PASSWORD))));
    return browser;
  }

  static void screenshot(ChromeDriver d, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path tmp = d.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(tmp, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  static String auth(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static JsonNode api(String operation, Map<String, ?> body) throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/2.0/mlflow/" + operation,
            JSON.writeValueAsString(body),
            auth("admin", PASSWORD));
    assertThat(r.statusCode()).as(operation + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static JsonNode graphql(String query, String authorization) throws Exception {
    HttpResponse<String> r =
        send("POST", "/graphql", JSON.writeValueAsString(Map.of("query", query)), authorization);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static HttpResponse<String> send(String method, String path, String body, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String tail() {
    try {
      String all = Files.readString(log);
      return all.substring(Math.max(0, all.length() - 3000));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
