package io.homelab.observer.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.homelab.observer.common.signing.Ed25519Keys;
import io.homelab.observer.common.signing.NonceCache;
import io.homelab.observer.common.signing.RequestSigner;
import io.homelab.observer.common.signing.RequestVerifier;
import io.homelab.observer.common.signing.SigningHeaders;
import io.homelab.observer.common.wire.DeployRequest;
import io.homelab.observer.common.wire.LogLine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's wire behaviour against a loopback HTTP server that verifies signatures with the real
 * {@link RequestVerifier}: what is signed is what is sent, errors keep the agent's body, and a dead
 * agent becomes status 0. Calls against the real agent are tested in the agent module.
 */
class AgentClientTest {

  private static final String AGENT_ID = "00112233445566778899aabbccddeeff";
  private final KeyPair keys = Ed25519Keys.generate();
  private final RequestVerifier verifier =
      new RequestVerifier(Clock.systemUTC(), new NonceCache(100));
  private final AtomicReference<String> lastVerification = new AtomicReference<>();
  private HttpServer server;
  private AgentClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    client =
        AgentClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .signer(new RequestSigner(keys.getPrivate()))
            .agentId(AGENT_ID)
            .requestTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String raw =
        ex.getRequestURI().getRawPath()
            + (ex.getRequestURI().getRawQuery() == null
                ? ""
                : "?" + ex.getRequestURI().getRawQuery());
    try {
      verifier.verify(
          keys.getPublic(),
          AGENT_ID,
          ex.getRequestMethod(),
          raw,
          ex.getRequestHeaders().getFirst(SigningHeaders.TIMESTAMP),
          ex.getRequestHeaders().getFirst(SigningHeaders.NONCE),
          ex.getRequestHeaders().getFirst(SigningHeaders.SIGNATURE),
          body);
      lastVerification.set(
          "ok "
              + ex.getRequestMethod()
              + " "
              + raw
              + " "
              + new String(body, StandardCharsets.UTF_8));
    } catch (Exception e) {
      lastVerification.set("rejected: " + e.getMessage());
    }
    String path = ex.getRequestURI().getPath();
    if (path.equals("/api/containers") && ex.getRequestMethod().equals("POST")) {
      reply(
          ex,
          400,
          "{\"error\":\"BAD_REQUEST\",\"message\":\"privileged containers are refused\"}",
          "application/json");
    } else if (path.endsWith("/logs")) {
      reply(
          ex,
          200,
          "data: {\"stream\":\"stdout\",\"message\":\"one\"}\n\n: keep-alive\n\ndata: {\"stream\":\"stderr\",\"message\":\"two\"}\n\n",
          "text/event-stream");
    } else {
      reply(ex, 200, "[]", "application/json");
    }
  }

  private static void reply(HttpExchange ex, int status, String text, String type)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Test
  void signsMethodRawPathQueryAndExactBody() {
    assertThat(client.containers(true)).isEmpty();
    assertThat(lastVerification.get()).isEqualTo("ok GET /api/containers?all=true ");
    client.volumes();
    assertThat(lastVerification.get()).startsWith("ok GET /api/volumes");
  }

  @Test
  void percentEncodedPathSegmentsAreSignedAsSent() {
    client.removeImage("homelab-test/busybox:latest", true);
    assertThat(lastVerification.get())
        .isEqualTo("ok DELETE /api/images/homelab-test%2Fbusybox%3Alatest?force=true ");
  }

  @Test
  void agentErrorBodyBecomesAgentExceptionWithStatus() {
    DeployRequest deploy = DeployRequest.of("busybox", "x");
    assertThatThrownBy(() -> client.deploy(deploy))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error()).isEqualTo("BAD_REQUEST");
              assertThat(e.getMessage()).contains("privileged");
            });
    assertThat(lastVerification.get()).startsWith("ok POST /api/containers {\"image\":\"busybox\"");
  }

  @Test
  void followReadsServerSentEventsUntilTheEnd() {
    try (Stream<LogLine> lines = client.followLogs("abc", 10, null, false)) {
      assertThat(lines.map(LogLine::message)).containsExactly("one", "two");
    }
    assertThat(lastVerification.get())
        .isEqualTo("ok GET /api/containers/abc/logs?tail=10&timestamps=false&follow=true ");
  }

  @Test
  void deadAgentIsStatusZeroUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    AgentClient dead =
        AgentClient.builder(URI.create("http://127.0.0.1:" + port))
            .signer(new RequestSigner(keys.getPrivate()))
            .build();
    assertThatThrownBy(dead::ping)
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.agentUnavailable()).isTrue();
              assertThat(e.error()).isEqualTo(AgentException.UNREACHABLE);
            });
  }

  @Test
  void fingerprintsAreNormalised() {
    String hex = "AB:".repeat(31) + "AB";
    assertThat(PinnedCertificateTrustManager.normalize(hex)).isEqualTo("ab".repeat(32));
    assertThatThrownBy(() -> PinnedCertificateTrustManager.normalize("abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(AgentClient.segment("a b/c"))).containsExactly("a%20b%2Fc");
  }

  @Test
  void anOversizedAnswerIsRefusedNotBuffered() throws IOException {
    HttpServer big =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    big.createContext(
        "/",
        ex -> {
          boolean chunked = ex.getRequestURI().getPath().contains("containers");
          byte[] chunk = new byte[64 * 1024];
          java.util.Arrays.fill(chunk, (byte) 'x');
          // Declared length for one answer, chunked (no length) for the other.
          ex.sendResponseHeaders(200, chunked ? 0 : 64L * chunk.length);
          try (var out = ex.getResponseBody()) {
            for (int i = 0; i < 64; i++) {
              out.write(chunk);
            }
          } catch (IOException closedByClient) {
            // the client hung up once over its cap: expected
          }
        });
    big.start();
    try {
      AgentClient capped =
          AgentClient.builder(URI.create("http://127.0.0.1:" + big.getAddress().getPort()))
              .signer(new RequestSigner(keys.getPrivate()))
              .agentId(AGENT_ID)
              .maxResponseBytes(1024 * 1024)
              .build();
      for (Runnable call : List.<Runnable>of(capped::ping, () -> capped.containers(true))) {
        assertThatThrownBy(call::run)
            .isInstanceOfSatisfying(
                AgentException.class,
                e -> {
                  assertThat(e.error()).isEqualTo(AgentException.BAD_RESPONSE);
                  assertThat(e.getMessage()).contains("larger than 1048576 bytes");
                });
      }
    } finally {
      big.stop(0);
    }
  }
}
