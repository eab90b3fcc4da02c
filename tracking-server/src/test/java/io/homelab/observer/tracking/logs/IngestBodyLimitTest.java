package io.homelab.observer.tracking.logs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The ingest routes buffer a body in memory, so each stops reading at 32 MiB and answers 413 with
 * the documented error body, also for a chunked body that declares no length (the path guard
 * refuses a declared length before any route). Runs in the shared test app (auth off), where
 * nothing but the route itself reads the body.
 */
@QuarkusTest
class IngestBodyLimitTest {

  private static final int MIB = 1 << 20;

  /** One past the limit, in 1 MiB chunks, so the server must count what arrives. */
  private static final int CHUNKS_PAST_LIMIT = 33;

  private static final ExecutorService WRITERS = Executors.newCachedThreadPool();

  @TestHTTPResource URL base;

  @AfterAll
  static void stopWriters() {
    WRITERS.shutdownNow();
  }

  @Test
  void chunkedLokiPushPastTheLimitIs413() throws Exception {
    assertRefused("/loki/api/v1/push", "application/json");
  }

  @Test
  void chunkedJsonIngestPastTheLimitIs413() throws Exception {
    assertRefused("/api/2.0/homelab/logs", "application/json");
  }

  @Test
  void chunkedOtlpSpansPastTheLimitIs413() throws Exception {
    assertRefused("/v1/traces", "application/x-protobuf");
  }

  /** Below the limit a chunked push still goes through whole (and is stored). */
  @Test
  void chunkedPushUnderTheLimitIsStored() throws Exception {
    String host = "chunked-" + UUID.randomUUID().toString().substring(0, 8);
    long ns = (System.currentTimeMillis() - 60_000L) * 1_000_000L;
    String body =
        "{\"streams\":[{\"stream\":{\"host\":\""
            + host
            + "\",\"job\":\"limit\"},\"values\":[[\""
            + ns
            + "\",\"sent in chunks\"]]}]}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket s = open()) {
      OutputStream out = s.getOutputStream();
      out.write(head("/loki/api/v1/push", "application/json"));
      int half = bytes.length / 2;
      chunk(out, Arrays.copyOfRange(bytes, 0, half));
      chunk(out, Arrays.copyOfRange(bytes, half, bytes.length));
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 204");
    }
    given()
        .queryParam("q", "host:" + host)
        .get("/api/2.0/homelab/logs/search")
        .then()
        .statusCode(200)
        .body("entries[0].message", org.hamcrest.Matchers.is("sent in chunks"));
  }

  private void assertRefused(String path, String contentType) throws Exception {
    try (Socket s = open()) {
      OutputStream out = s.getOutputStream();
      out.write(head(path, contentType));
      // The writer may be cut off by the server's close; the answer is read meanwhile.
      Future<?> writer =
          WRITERS.submit(
              () -> {
                byte[] filler = new byte[MIB];
                Arrays.fill(filler, (byte) ' ');
                try {
                  for (int i = 0; i < CHUNKS_PAST_LIMIT; i++) {
                    chunk(out, filler);
                  }
                  out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException closedByServer) {
                  // expected once the server has answered
                }
                return null;
              });
      String response = readResponse(s.getInputStream());
      assertThat(response)
          .as(path)
          .startsWith("HTTP/1.1 413")
          .contains("\"error_code\":\"RESOURCE_EXHAUSTED\"")
          .contains("Request body larger than 32 MiB.");
      writer.cancel(true);
    }
  }

  private Socket open() throws IOException {
    Socket s = new Socket(base.getHost(), base.getPort());
    s.setSoTimeout(60_000);
    return s;
  }

  private static byte[] head(String path, String contentType) {
    return ("POST "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
            + contentType
            + "\r\nTransfer-Encoding: chunked\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static void chunk(OutputStream out, byte[] data) throws IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** The status line, headers and body received until the error body or the end of the answer. */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder response = new StringBuilder();
    byte[] buffer = new byte[8192];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try {
      int n;
      while (System.nanoTime() < deadline && (n = in.read(buffer)) > 0) {
        response.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        String r = response.toString();
        if (r.contains("MiB.\"}") || (r.startsWith("HTTP/1.1 204") && r.contains("\r\n\r\n"))) {
          break;
        }
      }
    } catch (IOException resetAfterAnswer) {
      // The server closes with the rest of the body unread; what arrived before counts.
    }
    return response.toString();
  }
}
