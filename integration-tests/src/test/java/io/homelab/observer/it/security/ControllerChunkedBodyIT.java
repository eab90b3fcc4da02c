package io.homelab.observer.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Multi-GB chunked bodies against the packaged controller on a {@value #HEAP_MB} MiB heap: to the
 * public login, to an admin route without a token, and as the admin. The controller's limit is
 * Quarkus' own {@code quarkus.http.limits.max-body-size} (10 MiB by default), which counts chunked
 * bodies as they arrive: each upload is cut off there, the controller stays up with no
 * OutOfMemoryError, and nothing is stored.
 */
@Tag("security")
class ControllerChunkedBodyIT {

  static final int HEAP_MB = 64;
  static final long ATTEMPTED = 4L << 30;
  static final long BODY_LIMIT = 10L << 20;

  static final String ADMIN_PASSWORD = "chunked-it-admin-password";
  static final ObjectMapper JSON = new ObjectMapper();

  static PackagedService controller;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    controller =
        PackagedService.start(
            "controller",
            HEAP_MB,
            "HOMELAB_CONTROLLER_DATA_DIR",
            Map.of("HOMELAB_CONTROLLER_ADMIN_PASSWORD", ADMIN_PASSWORD),
            "/q/health/live");
    HttpResponse<String> login =
        PackagedService.HTTP.send(
            HttpRequest.newBuilder(URI.create(controller.base() + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    token = JSON.readTree(login.body()).path("token").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    if (controller != null) {
      controller.close();
    }
  }

  @Test
  void theOpenLoginRouteCutsTheBodyOffAtTheLimit() throws Exception {
    int before = count("/api/users");
    ChunkedUpload r = upload("/api/auth/login", "");
    TrackingChunkedBodyIT.assertRefused(r, "413", BODY_LIMIT);
    assertUnharmed();
    assertThat(count("/api/users")).isEqualTo(before);
  }

  @Test
  void withoutATokenTheBodyIsCutOffAtTheLimit() throws Exception {
    int before = count("/api/environments");
    ChunkedUpload r = upload("/api/environments", "");
    TrackingChunkedBodyIT.assertRefused(r, null, BODY_LIMIT);
    assertUnharmed();
    assertThat(count("/api/environments")).isEqualTo(before);
  }

  @Test
  void asTheAdminTheBodyIsCutOffAtTheLimitToo() throws Exception {
    int before = count("/api/environments");
    ChunkedUpload r = upload("/api/environments", "Authorization: Bearer " + token + "\r\n");
    TrackingChunkedBodyIT.assertRefused(r, "413", BODY_LIMIT);
    assertUnharmed();
    assertThat(count("/api/environments")).isEqualTo(before);
  }

  private static ChunkedUpload upload(String path, String headers) throws Exception {
    long started = System.nanoTime();
    ChunkedUpload r =
        ChunkedUpload.send(controller.port, "POST", path, "application/json", headers, ATTEMPTED);
    System.out.printf(
        "POST %s: %d MiB taken in %d ms, answer %s%n",
        path, r.sent() >> 20, (System.nanoTime() - started) / 1_000_000, r.statusLine());
    return r;
  }

  private static void assertUnharmed() {
    assertThat(controller.process.isAlive())
        .as("controller alive:%n%s", controller.logText())
        .isTrue();
    assertThat(controller.healthy()).as("/q/health/live answers 200").isTrue();
    assertThat(controller.logText()).doesNotContain("OutOfMemoryError");
  }

  /** Entries of an admin list ({@code [...]} or {@code {"items":[...]}}). */
  private static int count(String path) throws Exception {
    HttpResponse<String> r =
        PackagedService.HTTP.send(
            HttpRequest.newBuilder(URI.create(controller.base() + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode list = JSON.readTree(r.body());
    return list.isArray() ? list.size() : list.path("items").size();
  }
}
