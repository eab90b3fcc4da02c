package io.homelab.observer.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Multi-GB chunked bodies (no Content-Length) against the packaged tracking server on its shipped
 * {@value #HEAP_MB} MiB heap: without credentials, with a wrong password and as the admin. The
 * refused ones are never read (only what socket buffers hold), the admin's is cut off at the 32 MiB
 * JSON limit, the server stays up with no OutOfMemoryError, and nothing is stored. The server stops
 * reading at the limit, so each attempt costs the limit, not the gigabytes.
 */
@Tag("security")
class TrackingChunkedBodyIT {

  /**
   * The heap the launcher and the systemd unit give the tracking server. Only an authenticated
   * caller gets a JSON body buffered (up to the 32 MiB limit, the permission decision needs its
   * fields): the credentials are checked before a byte of it is read.
   */
  static final int HEAP_MB = 128;

  static final long ATTEMPTED = 4L << 30;
  static final long JSON_LIMIT = 32L << 20;

  /** What loopback socket buffers can swallow after the server stopped reading. */
  static final long SLACK = 16L << 20;

  static final String ADMIN_PASSWORD = "chunked-it-admin-password";
  static final String CREATE = "/api/2.0/mlflow/experiments/create";

  static PackagedService server;

  @BeforeAll
  static void start() throws Exception {
    server =
        PackagedService.start(
            "tracking-server",
            HEAP_MB,
            "HOMELAB_TRACKING_DATA_DIR",
            Map.of("HOMELAB_TRACKING_AUTH_ADMIN_PASSWORD", ADMIN_PASSWORD),
            "/health");
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void withoutCredentialsTheBodyIsRefusedWithoutBeingRead() throws Exception {
    long before = experiments();
    ChunkedUpload r = upload("POST", CREATE, "application/json", "");
    assertRefused(r, "401", 0);
    // A route whose body is streamed to disk once authorised (artifact upload).
    ChunkedUpload artifact =
        upload(
            "PUT", "/api/2.0/mlflow-artifacts/artifacts/0/x/big", "application/octet-stream", "");
    assertRefused(artifact, "401", 0);
    assertUnharmed(before);
    try (Stream<Path> files = Files.walk(server.dataDir)) {
      assertThat(files.filter(p -> p.getFileName().toString().equals("big"))).isEmpty();
    }
  }

  @Test
  void withAWrongPasswordTheBodyIsRefusedWithoutBeingRead() throws Exception {
    long before = experiments();
    ChunkedUpload r =
        upload("POST", CREATE, "application/json", authorization("admin", "wrong-password-x"));
    assertRefused(r, "401", 0);
    assertUnharmed(before);
  }

  @Test
  void asTheAdminTheBodyIsCutOffAtTheLimitToo() throws Exception {
    long before = experiments();
    ChunkedUpload r =
        upload("POST", CREATE, "application/json", authorization("admin", ADMIN_PASSWORD));
    assertRefused(r, "413", JSON_LIMIT);
    assertUnharmed(before);
  }

  private static ChunkedUpload upload(String method, String path, String type, String headers)
      throws Exception {
    long started = System.nanoTime();
    ChunkedUpload r = ChunkedUpload.send(server.port, method, path, type, headers, ATTEMPTED);
    System.out.printf(
        "%s %s: %d MiB taken in %d ms, answer %s%n",
        method, path, r.sent() >> 20, (System.nanoTime() - started) / 1_000_000, r.statusLine());
    return r;
  }

  /**
   * Stopped by the server well before {@link #ATTEMPTED}; the answer, when the reset left it
   * readable, has the expected status ({@code null}: any 4xx).
   */
  static void assertRefused(ChunkedUpload r, String status, long limit) {
    assertThat(r.closedByServer()).as("the server stopped the upload").isTrue();
    assertThat(r.sent()).as("bytes the server took").isLessThan(limit + SLACK);
    if (r.statusLine() != null) {
      assertThat(r.statusLine())
          .matches("HTTP/1\\.1 " + (status == null ? "4\\d\\d" : status) + ".*");
    }
  }

  private static void assertUnharmed(long experimentsBefore) throws Exception {
    assertThat(server.process.isAlive()).as("server alive:%n%s", server.logText()).isTrue();
    assertThat(server.healthy()).as("/health answers 200").isTrue();
    assertThat(server.logText()).doesNotContain("OutOfMemoryError");
    assertThat(experiments()).as("experiments stored").isEqualTo(experimentsBefore);
  }

  /** How many experiments the admin sees. */
  private static long experiments() throws Exception {
    HttpResponse<String> r =
        PackagedService.HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.base() + "/api/2.0/mlflow/experiments/search?max_results=1000"))
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body()).path("experiments").size();
  }

  private static String authorization(String user, String password) {
    return "Authorization: " + basic(user, password) + "\r\n";
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
