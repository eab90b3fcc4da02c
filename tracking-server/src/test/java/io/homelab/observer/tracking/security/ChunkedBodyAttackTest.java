package io.homelab.observer.tracking.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.tracking.auth.AuthOnProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A multi-GB chunked body (no Content-Length) sent by a client without valid credentials: the
 * server reads at most the JSON limit (32 MiB) before answering and closing, so the attacker cannot
 * get gigabytes buffered. The body is generated as it is written, never allocated.
 */
@QuarkusTest
@TestProfile(AuthOnProfile.class)
class ChunkedBodyAttackTest {

  private static final long ATTEMPTED = 4L << 30;
  private static final long MAX_ACCEPTED = 256L << 20;

  /** What loopback socket buffers swallow from a client while the server reads nothing. */
  private static final long UNREAD_SLACK = 16L << 20;

  @TestHTTPResource("/")
  URI base;

  @Test
  void chunkedBodyWithWrongCredentialsIsNeverRead() throws IOException {
    String auth =
        Base64.getEncoder().encodeToString("admin:wrong-password".getBytes(StandardCharsets.UTF_8));
    Result r = send("/api/2.0/mlflow/runs/log-batch", "Authorization: Basic " + auth + "\r\n");
    // The credentials are checked before the body is read: what the client got rid of is what
    // loopback socket buffers hold, far below the 32 MiB JSON limit.
    assertThat(r.sent).as("bytes the server took before closing").isLessThan(UNREAD_SLACK);
    if (r.statusLine != null) {
      assertThat(r.statusLine).contains("401");
    }
  }

  @Test
  void chunkedBodyWithoutCredentialsIsNeverRead() throws IOException {
    Result r = send("/api/2.0/mlflow/runs/log-batch", "");
    assertThat(r.sent).isLessThan(MAX_ACCEPTED);
    if (r.statusLine != null) {
      assertThat(r.statusLine).contains("401");
    }
    // Same for a route whose body is streamed to a resource (artifact upload) and one outside
    // MLflow's API.
    assertThat(send("/api/2.0/mlflow-artifacts/artifacts/0/x/artifacts/big", "").sent)
        .isLessThan(MAX_ACCEPTED);
    assertThat(send("/version", "").sent).isLessThan(MAX_ACCEPTED);
  }

  private record Result(long sent, String statusLine) {}

  private Result send(String path, String extraHeaders) throws IOException {
    byte[] chunk = new byte[1 << 20];
    java.util.Arrays.fill(chunk, (byte) ' ');
    byte[] chunkHeader =
        (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    long sent = 0;
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n"
                  + extraHeaders
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      try {
        while (sent < ATTEMPTED) {
          out.write(chunkHeader);
          out.write(chunk);
          out.write('\r');
          out.write('\n');
          sent += chunk.length;
        }
      } catch (IOException closedByServer) {
        // Expected: the server answered and closed the connection.
      }
      return new Result(sent, statusLine(socket.getInputStream()));
    }
  }

  private static String statusLine(InputStream in) {
    try {
      StringBuilder line = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        line.append((char) b);
      }
      return line.length() == 0 ? null : line.toString().trim();
    } catch (IOException reset) {
      // The response may be lost to the reset that stopped the upload; the byte count decides.
      return null;
    }
  }
}
