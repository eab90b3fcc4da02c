package io.homelab.observer.controller.console;

import static io.homelab.observer.controller.TestApi.asAdmin;
import static io.homelab.observer.controller.TestApi.tokenOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.controller.fleet.AgentProcess;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console end to end: client -> controller WebSocket -> signed agent WebSocket -> a shell in a
 * real container on the real dockerd. Roles, refusals and the audit entries are checked on the way.
 */
@QuarkusTest
class ConsoleRelayTest {

  static final String LABEL = "homelab.test=controller-console";

  static AgentProcess agent;
  static String environmentId;
  static String container;

  @BeforeEach
  void startOnce() throws Exception {
    if (agent == null) {
      String publicKey =
          given().get("/api/public-key").then().statusCode(200).extract().path("publicKey");
      agent = AgentProcess.start("console", publicKey, false);
      container = "homelab-console-test-" + System.nanoTime();
      String image =
          System.getenv().getOrDefault("HOMELAB_TEST_DOCKER_IMAGE", "homelab-test/busybox:latest");
      docker("run", "-d", "--label", LABEL, "--name", container, image, "sleep", "600");
    }
    environmentId =
        asAdmin()
            .body(Map.of("name", "console-env", "url", agent.url()))
            .post("/api/environments")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
  }

  /**
   * The environment goes after each test, while the app still answers: the controller is shared by
   * every test class, and a leftover environment whose agent is stopped shows up in their fan-outs.
   */
  @AfterEach
  void removeEnvironment() {
    asAdmin().delete("/api/environments/" + environmentId).then().statusCode(204);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (agent != null) {
      agent.stop();
    }
    String ids = docker("ps", "-aq", "--filter", "label=" + LABEL).trim();
    if (!ids.isEmpty()) {
      for (String id : ids.split("\\s+")) {
        docker("rm", "-f", id);
      }
    }
  }

  @Test
  void anOperatorRunsACommandInTheContainerAndItIsAudited() throws Exception {
    Collector out = new Collector("console-42");
    WebSocket ws = open(container, tokenOf("operator"), out).get(20, TimeUnit.SECONDS);
    ws.sendText("echo console-$((40+2))\n", true).get(5, TimeUnit.SECONDS);
    out.found.get(20, TimeUnit.SECONDS);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    out.closed.get(10, TimeUnit.SECONDS);

    List<Map<String, Object>> audit = auditEntries();
    assertThat(audit)
        .anySatisfy(
            e -> {
              assertThat(e.get("user")).isEqualTo("test-operator");
              assertThat(e.get("target")).isEqualTo(container);
              assertThat(e.get("environmentId")).isEqualTo(environmentId);
              assertThat(e.get("result")).isEqualTo("ok");
            });
  }

  @Test
  void aViewerAndAnAnonymousCallerAreRefusedBeforeTheUpgrade() {
    assertThat(handshakeStatus(tokenOf("viewer"))).isEqualTo(403);
    assertThat(handshakeStatus(null)).isEqualTo(401);
    assertThat(handshakeStatus("not-a-token")).isEqualTo(401);
    assertThat(auditEntries())
        .anySatisfy(
            e -> {
              assertThat(e.get("user")).isEqualTo("test-viewer");
              assertThat(e.get("result")).isEqualTo("denied");
            });
  }

  @Test
  void whatTheAgentRefusesReachesTheClientAsAnErrorAndAClose() throws Exception {
    Collector out = new Collector("error:");
    open("no-such-container-" + System.nanoTime(), tokenOf("operator"), out)
        .get(20, TimeUnit.SECONDS);
    out.found.get(20, TimeUnit.SECONDS);
    assertThat(out.text.toString()).contains("no-such-container");
    assertThat(out.closed.get(10, TimeUnit.SECONDS)).isNotEqualTo(WebSocket.NORMAL_CLOSURE);
  }

  @Test
  void anUnknownEnvironmentIsAnErrorNotAHang() throws Exception {
    Collector out = new Collector("error:");
    URI uri = uri("no-such-env", container);
    HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .header("Authorization", "Bearer " + tokenOf("operator"))
        .buildAsync(uri, out)
        .get(20, TimeUnit.SECONDS);
    out.found.get(20, TimeUnit.SECONDS);
    assertThat(out.text.toString()).contains("environment");
    assertThat(out.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
  }

  private static CompletableFuture<WebSocket> open(String cid, String token, Collector out) {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .header("Authorization", "Bearer " + token)
        .buildAsync(uri(environmentId, cid), out);
  }

  private static int handshakeStatus(String token) {
    WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    Throwable failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class,
            () ->
                b.buildAsync(uri(environmentId, container), new Collector("x"))
                    .get(20, TimeUnit.SECONDS));
    assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
    return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
  }

  private static URI uri(String env, String cid) {
    return URI.create(
        "ws://localhost:"
            + RestAssured.port
            + "/api/environments/"
            + env
            + "/containers/"
            + cid
            + "/console");
  }

  private static List<Map<String, Object>> auditEntries() {
    return asAdmin()
        .queryParam("action", "container.console")
        .get("/api/audit")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  private static String docker(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
    }
    return out;
  }

  /** Collects everything the console sends until {@code marker} shows up. */
  static final class Collector implements WebSocket.Listener {
    final StringBuffer text = new StringBuffer();
    final CompletableFuture<Void> found = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final String marker;

    Collector(String marker) {
      this.marker = marker;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
      return add(w, StandardCharsets.UTF_8.decode(data));
    }

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
      return add(w, data);
    }

    private CompletionStage<?> add(WebSocket w, CharSequence data) {
      text.append(data);
      if (text.indexOf(marker) >= 0) {
        found.complete(null);
      }
      w.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket w, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
