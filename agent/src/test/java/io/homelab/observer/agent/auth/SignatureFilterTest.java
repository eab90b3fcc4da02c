package io.homelab.observer.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.homelab.observer.agent.AgentProfiles;
import io.homelab.observer.agent.TestController;
import io.homelab.observer.agent.container.ContainerTestSupport;
import io.homelab.observer.agent.identity.AgentIdentity;
import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.signing.Ed25519Keys;
import io.homelab.observer.common.signing.RequestSigner;
import io.homelab.observer.common.wire.DeployRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unsigned, wrongly signed, expired, future-dated, replayed, body-tampered and path-tampered
 * requests get 401 with the SPEC body and change nothing on the real dockerd.
 */
@QuarkusTest
@TestProfile(AgentProfiles.Paired.class)
class SignatureFilterTest {

  @TestHTTPResource("/")
  URI base;

  @Inject DockerClient docker;
  @Inject AgentIdentity identity;

  // HTTP/1.1 as the AgentClient: the JDK's default HTTP/2 would add an h2c upgrade to every
  // request.
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private AgentClient agent;
  private String victim;

  @BeforeEach
  void runningVictim() {
    agent = TestController.client(base);
    if (victim == null) {
      victim = TestController.PREFIX + "victim-" + UUID.randomUUID().toString().substring(0, 8);
      agent.deploy(
          new DeployRequest(
              TestController.image(),
              victim,
              List.of("sleep", "3600"),
              null,
              null,
              null,
              null,
              TestController.labels(),
              false,
              null,
              null,
              null,
              null,
              null,
              null));
    }
  }

  @AfterAll
  static void cleanUp() {
    ContainerTestSupport.removeOurContainers();
  }

  private HttpResponse<String> send(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void assertRejected(HttpResponse<String> r, String reason) {
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("\"error\":\"UNAUTHENTICATED\"").contains(reason);
  }

  private boolean victimRunning() {
    return Boolean.TRUE.equals(docker.inspectContainerCmd(victim).exec().getState().getRunning());
  }

  @Test
  void unsignedRequestsAreRejectedAndNeverReachDocker() throws Exception {
    assertRejected(send("POST", "/api/containers/" + victim + "/stop", null, Map.of()), "missing");
    assertRejected(send("GET", "/api/containers", null, Map.of()), "missing");
    assertRejected(send("GET", "/anything/else", null, Map.of()), "missing");
    assertRejected(send("GET", "/api/%70ing", null, Map.of()), "missing");
    assertThat(victimRunning()).isTrue();
  }

  @Test
  void pingIsUnsignedAndNeverShowsACode() throws Exception {
    HttpResponse<String> r = send("GET", "/api/ping", null, Map.of());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"paired\":true")
        .contains("\"service\":\"agent\"")
        .doesNotContain("code");
  }

  @Test
  void anotherKeysSignatureIsRejected() throws Exception {
    RequestSigner stranger = new RequestSigner(Ed25519Keys.generate().getPrivate());
    String path = "/api/containers/" + victim + "/stop";
    assertRejected(
        send("POST", path, null, stranger.sign("POST", path, null, identity.id())),
        "invalid request signature");
    assertThat(victimRunning()).isTrue();
  }

  @Test
  void aRequestSignedForAnotherAgentIsRejected() throws Exception {
    String path = "/api/containers/" + victim + "/stop";
    Map<String, String> forOther =
        TestController.signer().sign("POST", path, null, "ffffffffffffffffffffffffffffffff");
    assertRejected(send("POST", path, null, forOther), "invalid request signature");
    assertThat(victimRunning()).isTrue();
  }

  @Test
  void expiredAndFutureDatedRequestsAreRejected() throws Exception {
    String path = "/api/containers/" + victim + "/stop";
    for (long skew : new long[] {-120, 120}) {
      RequestSigner skewed =
          new RequestSigner(
              TestController.KEYS.getPrivate(),
              Clock.offset(Clock.systemUTC(), Duration.ofSeconds(skew)));
      assertRejected(
          send("POST", path, null, skewed.sign("POST", path, null, identity.id())), "window");
    }
    assertThat(victimRunning()).isTrue();
  }

  @Test
  void replayedRequestIsRejected() throws Exception {
    String path = "/api/containers/" + victim;
    Map<String, String> headers = TestController.signer().sign("GET", path, null, identity.id());
    assertThat(send("GET", path, null, headers).statusCode()).isEqualTo(200);
    assertRejected(send("GET", path, null, headers), "nonce");
  }

  @Test
  void bodyTamperedDeployIsRejectedAndCreatesNothing() throws Exception {
    String name =
        TestController.PREFIX + "tampered-" + UUID.randomUUID().toString().substring(0, 8);
    String signedBody = "{\"image\":\"" + TestController.image() + "\",\"name\":\"" + name + "\"}";
    String sentBody =
        "{\"image\":\""
            + TestController.image()
            + "\",\"name\":\""
            + name
            + "\",\"privileged\":true}";
    Map<String, String> headers =
        TestController.signer()
            .sign(
                "POST",
                "/api/containers",
                signedBody.getBytes(StandardCharsets.UTF_8),
                identity.id());
    assertRejected(send("POST", "/api/containers", sentBody, headers), "invalid request signature");
    assertThat(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec())
        .isEmpty();
  }

  @Test
  void bodyOverOneMebibyteIsRefusedWithTheApiBodyAndDeploysNothing() throws Exception {
    String name = TestController.PREFIX + "huge-" + UUID.randomUUID().toString().substring(0, 8);
    String body =
        "{\"image\":\""
            + TestController.image()
            + "\",\"name\":\""
            + name
            + "\",\"labels\":{\"pad\":\""
            + "x".repeat((int) SignatureFilter.MAX_BODY_BYTES)
            + "\"}}";
    Map<String, String> headers =
        TestController.signer()
            .sign("POST", "/api/containers", body.getBytes(StandardCharsets.UTF_8), identity.id());
    HttpResponse<String> r = send("POST", "/api/containers", body, headers);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(r.body()).contains("\"error\":\"PAYLOAD_TOO_LARGE\"").contains("1 MiB");
    assertThat(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec())
        .isEmpty();
  }

  @Test
  void pathAndQueryTamperedRequestsAreRejected() throws Exception {
    String signedPath = "/api/containers/" + victim + "/restart";
    Map<String, String> headers =
        TestController.signer().sign("POST", signedPath, null, identity.id());
    assertRejected(
        send("POST", "/api/containers/" + victim + "/kill", null, headers),
        "invalid request signature");
    Map<String, String> listAll =
        TestController.signer()
            .sign("DELETE", "/api/containers/" + victim + "?force=false", null, identity.id());
    assertRejected(
        send("DELETE", "/api/containers/" + victim + "?force=true", null, listAll),
        "invalid request signature");
    Map<String, String> get =
        TestController.signer().sign("GET", "/api/containers/" + victim, null, identity.id());
    assertRejected(
        send("POST", "/api/containers/" + victim, null, get), "invalid request signature");
    assertThat(victimRunning()).isTrue();
  }

  @Test
  void consoleUpgradeNeedsASignature() {
    String wsUrl =
        base.toString().replaceFirst("^http", "ws").replaceAll("/$", "")
            + "/api/containers/"
            + victim
            + "/console";
    var attempt =
        http.newWebSocketBuilder().buildAsync(URI.create(wsUrl), new WebSocket.Listener() {});
    assertHandshakeStatus(attempt, 401);
    RequestSigner stranger = new RequestSigner(Ed25519Keys.generate().getPrivate());
    var b = http.newWebSocketBuilder();
    stranger
        .sign("GET", "/api/containers/" + victim + "/console", null, identity.id())
        .forEach(b::header);
    assertHandshakeStatus(b.buildAsync(URI.create(wsUrl), new WebSocket.Listener() {}), 401);
  }

  private static void assertHandshakeStatus(
      java.util.concurrent.CompletableFuture<WebSocket> attempt, int status) {
    try {
      attempt.get(10, TimeUnit.SECONDS);
      throw new AssertionError("console upgrade was accepted");
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
      assertThat(
              ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
          .isEqualTo(status);
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }
}
