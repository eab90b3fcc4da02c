package io.homelab.observer.tracking.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Uploads and downloads an artifact larger than the server's whole heap through the packaged server
 * ({@code target/quarkus-app/quarkus-run.jar}, started here with {@code -Xmx}{@value
 * #HEAP_MB}{@code m}), with auth on: it only works if the body is streamed both ways (MLflow's
 * proxy buffered to temp dirs, issues #10331 and everycure#271).
 */
class ArtifactStreamingIT {

  static final int HEAP_MB = 96;
  static final long SIZE = 3L * HEAP_MB * 1024 * 1024 + 12345;
  static final String ADMIN_PASSWORD = "streaming-it-admin-password";

  static Process server;
  static Path log;
  static Path dataDir;
  static String base;

  @BeforeAll
  static void startServer() throws Exception {
    Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
    assertThat(jar).as("packaged server (mvn verify builds it before integration tests)").exists();
    dataDir = Files.createDirectories(Path.of("target/it-data/streaming-" + System.nanoTime()));
    log = dataDir.resolve("server.log");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + HEAP_MB + "m");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-jar");
    cmd.add(jar.toString());
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
    pb.environment().put("HOMELAB_TRACKING_DATA_DIR", dataDir.toAbsolutePath().toString());
    pb.environment().put("HOMELAB_TRACKING_AUTH_ADMIN_PASSWORD", ADMIN_PASSWORD);
    server = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      assertThat(server.isAlive()).as("server exited early: " + tail()).isTrue();
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 200) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      assertThat(System.nanoTime()).as("server did not start: " + tail()).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  static String tail() {
    try {
      String all = Files.readString(log);
      return all.substring(Math.max(0, all.length() - 3000));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Deterministic pseudo-random bytes, generated as they are read, hashed on the way. */
  static final class GeneratedStream extends InputStream {
    private final SplittableRandom random = new SplittableRandom(42);
    private final MessageDigest sha;
    private long left;

    GeneratedStream(long size) throws Exception {
      this.left = size;
      this.sha = MessageDigest.getInstance("SHA-256");
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) random.nextInt(256);
      }
      sha.update(b, off, n);
      left -= n;
      return n;
    }

    String hex() {
      return HexFormat.of().formatHex(sha.digest());
    }
  }

  private static String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void fileLargerThanTheHeapStreamsUpAndDown() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String url = base + "/api/2.0/mlflow-artifacts/artifacts/0/bigrun/artifacts/big.bin";

    GeneratedStream upload = new GeneratedStream(SIZE);
    HttpRequest put =
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", basic())
            .header("Content-Type", "application/octet-stream")
            .PUT(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> upload), SIZE))
            .timeout(Duration.ofMinutes(5))
            .build();
    HttpResponse<String> putResponse = http.send(put, HttpResponse.BodyHandlers.ofString());
    assertThat(putResponse.statusCode()).as(putResponse.body() + tail()).isEqualTo(200);
    String uploaded = upload.hex();

    Path stored = dataDir.resolve("artifacts/0/bigrun/artifacts/big.bin");
    assertThat(Files.size(stored)).isEqualTo(SIZE);

    HttpRequest get =
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", basic())
            .timeout(Duration.ofMinutes(5))
            .build();
    HttpResponse<InputStream> getResponse =
        http.send(get, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(getResponse.statusCode()).isEqualTo(200);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    long total = 0;
    try (InputStream in = getResponse.body()) {
      byte[] buffer = new byte[1 << 20];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        sha.update(buffer, 0, n);
        total += n;
      }
    }
    assertThat(total).isEqualTo(SIZE);
    assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(uploaded);
    assertThat(server.isAlive()).as(tail()).isTrue();
    assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");

    // A second upload without a length (chunked transfer encoding), as requests sends a file
    // object.
    GeneratedStream chunked = new GeneratedStream(SIZE);
    HttpRequest putChunked =
        HttpRequest.newBuilder(URI.create(url.replace("big.bin", "chunked.bin")))
            .header("Authorization", basic())
            .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> chunked))
            .timeout(Duration.ofMinutes(5))
            .build();
    assertThat(http.send(putChunked, HttpResponse.BodyHandlers.ofString()).statusCode())
        .as(tail())
        .isEqualTo(200);
    assertThat(Files.size(dataDir.resolve("artifacts/0/bigrun/artifacts/chunked.bin")))
        .isEqualTo(SIZE);
    assertThat(server.isAlive()).as(tail()).isTrue();

    // Keep target/ small: the files were only needed for the check.
    Files.delete(stored);
    Files.delete(dataDir.resolve("artifacts/0/bigrun/artifacts/chunked.bin"));
  }
}
