package io.homelab.observer.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the five packaged services the way a newcomer does ({@code ./homelab up -d}) and checks
 * that each one is ready and reports its version. Ports are shifted by {@value #PORT_OFFSET} so a
 * suite already running on the default ports does not disturb the test, and state goes to {@code
 * target/it-data}.
 */
class SuiteLauncherIT {

  static final int PORT_OFFSET = 20000;
  static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");

  static final Path ROOT =
      Path.of(System.getProperty("homelab.repo.root", "..")).toAbsolutePath().normalize();
  static final Path DATA = Path.of("target", "it-data").toAbsolutePath();

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static String upOutput;

  @BeforeAll
  static void startSuite() throws Exception {
    Result up = launcher("up", "-d");
    upOutput = up.output();
    assertThat(up.exitCode()).as("./homelab up -d failed:%n%s", up.output()).isZero();
  }

  @AfterAll
  static void stopSuite() throws Exception {
    Result down = launcher("down");
    assertThat(down.exitCode()).as(down.output()).isZero();
    Result status = launcher("status");
    assertThat(status.output()).doesNotContain("running");
  }

  @Test
  void everyServiceIsReadyAndReportsItsVersion() throws Exception {
    Map<String, String> liveUrls =
        Map.of(
            "controller", "http://localhost:" + (9000 + PORT_OFFSET) + "/q/health/live",
            "tracking-server", "http://localhost:" + (5000 + PORT_OFFSET) + "/q/health/live",
            "dashboard", "http://localhost:" + (8080 + PORT_OFFSET) + "/q/health/live",
            "agent", "http://localhost:" + (9100 + PORT_OFFSET) + "/q/health/live");
    for (var entry : liveUrls.entrySet()) {
      JsonNode health = getJson(entry.getValue(), 200);
      JsonNode service = findCheck(health, "service");
      assertThat(service.path("data").path("service").asText()).isEqualTo(entry.getKey());
      assertThat(service.path("data").path("version").asText()).isEqualTo(VERSION);
    }
    for (int port : List.of(9000, 5000, 8080)) {
      JsonNode ready = getJson("http://localhost:" + (port + PORT_OFFSET) + "/q/health/ready", 200);
      assertThat(ready.path("status").asText()).isEqualTo("UP");
    }
  }

  @Test
  void agentAnswersOnItsApiPortAndStatusListsAllServices() throws Exception {
    HttpResponse<String> ping = get("http://localhost:" + (9001 + PORT_OFFSET) + "/api/ping");
    assertThat(ping.statusCode()).isEqualTo(200);
    Result status = launcher("status");
    for (String service : List.of("controller", "tracking-server", "agent", "dashboard")) {
      assertThat(status.output()).containsPattern(service + "\\s+running");
    }
  }

  @Test
  void upPrintsEachUrl() {
    assertThat(upOutput)
        .contains("http://localhost:" + (8080 + PORT_OFFSET))
        .contains("http://localhost:" + (9000 + PORT_OFFSET))
        .contains("http://localhost:" + (5000 + PORT_OFFSET))
        .contains("http://localhost:" + (9100 + PORT_OFFSET) + "/metrics");
  }

  static JsonNode findCheck(JsonNode health, String name) {
    for (JsonNode check : health.path("checks")) {
      if (name.equals(check.path("name").asText())) {
        return check;
      }
    }
    throw new AssertionError("no check named " + name + " in " + health);
  }

  static JsonNode getJson(String url, int expectedStatus) throws IOException, InterruptedException {
    HttpResponse<String> response = get(url);
    assertThat(response.statusCode())
        .as("GET %s: %s", url, response.body())
        .isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }

  static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  record Result(int exitCode, String output) {}

  static Result launcher(String... args) throws IOException, InterruptedException {
    Files.createDirectories(DATA);
    var command = new java.util.ArrayList<String>();
    command.add(ROOT.resolve("homelab").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    builder.environment().put("HOMELAB_DATA", DATA.toString());
    builder.environment().put("HOMELAB_PORT_OFFSET", Integer.toString(PORT_OFFSET));
    Process process = builder.start();
    // The launcher's own children keep running after 'up -d'; read until the launcher itself closes
    // its output.
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          "./homelab " + String.join(" ", args) + " did not finish:\n" + output);
    }
    return new Result(process.exitValue(), output);
  }
}
