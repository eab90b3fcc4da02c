package io.homelab.observer.controller.attack;

import static io.homelab.observer.controller.TestApi.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.homelab.observer.common.signing.CanonicalRequest;
import io.homelab.observer.common.signing.RequestSigner;
import io.homelab.observer.common.signing.SigningHeaders;
import io.homelab.observer.controller.FreshDataDir;
import io.homelab.observer.controller.fleet.AgentProcess;
import io.homelab.observer.controller.keys.ControllerKeys;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Attack: two agents pinned to the same controller key; a request signed for one (as captured on
 * the wire) is sent to the other. The agent id in the signed bytes makes the second refuse it, and
 * the container it targets keeps running. The old five-line form is refused as well.
 */
@QuarkusTest
@Tag("security")
class CrossAgentReplayAttackTest {

  private static final String LABEL = "homelab.test";
  private static final String LABEL_VALUE = "replay-attack";

  private static AgentProcess first;
  private static AgentProcess second;
  private static final List<String> ENVIRONMENTS =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterAll
  static void stop() throws Exception {
    for (AgentProcess a : new AgentProcess[] {first, second}) {
      if (a != null) {
        a.stop();
      }
    }
    Process ps =
        new ProcessBuilder("docker", "ps", "-aq", "--filter", "label=" + LABEL + "=" + LABEL_VALUE)
            .start();
    String ids = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    ps.waitFor();
    if (!ids.isEmpty()) {
      List<String> cmd = new java.util.ArrayList<>(List.of("docker", "rm", "-f"));
      cmd.addAll(List.of(ids.split("\\s+")));
      new ProcessBuilder(cmd).start().waitFor();
    }
  }

  @Test
  void aRequestSignedForOneAgentIsRefusedByAnotherPinnedToTheSameKey() throws Exception {
    try {
      attack();
    } finally {
      // The application is shared with the other tests: leave no environment behind.
      for (String id : ENVIRONMENTS) {
        asAdmin().delete("/api/environments/" + id);
      }
    }
  }

  private void attack() throws Exception {
    String key = given().get("/api/public-key").then().extract().path("publicKey");
    var a = CompletableFuture.supplyAsync(() -> AgentProcess.start("replay-a", key, false));
    var b = CompletableFuture.supplyAsync(() -> AgentProcess.start("replay-b", key, false));
    first = a.get(3, TimeUnit.MINUTES);
    second = b.get(3, TimeUnit.MINUTES);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String idA = addEnvironment("replay-a-" + suffix, first.url());
    String idB = addEnvironment("replay-b-" + suffix, second.url());
    String agentA = asAdmin().get("/api/environments/" + idA).then().extract().path("agentId");
    String agentB = asAdmin().get("/api/environments/" + idB).then().extract().path("agentId");
    assertThat(agentA).matches("[0-9a-f]{32}").isNotEqualTo(agentB);
    assertThat(given().get(second.url() + "/api/ping").then().extract().<String>path("agentId"))
        .isEqualTo(agentB);

    // The victim: a running container on the second agent, deployed through the controller.
    String victim = "replay-victim-" + suffix;
    asAdmin()
        .body(
            Map.of(
                "image",
                System.getenv().getOrDefault("HOMELAB_TEST_DOCKER_IMAGE", "homelab-test/busybox"),
                "name",
                victim,
                "command",
                List.of("sleep", "3600"),
                "labels",
                Map.of(LABEL, LABEL_VALUE)))
        .post("/api/environments/" + idB + "/containers")
        .then()
        .statusCode(201);

    KeyPair controllerKey = ControllerKeys.loadOrCreate(FreshDataDir.DIR.toAbsolutePath());
    RequestSigner signer = new RequestSigner(controllerKey.getPrivate());
    String path = "/api/containers/" + victim + "/stop";

    // Signed for the first agent, sent to the second (fresh nonce: only the agent differs).
    Map<String, String> forA = signer.sign("POST", path, null, agentA);
    assertRefused(send(second.url(), path, forA));
    // The same request for the agent it was signed for would have worked: the key is right.
    Map<String, String> forB = signer.sign("POST", path, null, agentB);
    // The unbound five-line form of SPEC's earlier revision, with the right key, is refused too.
    assertRefused(send(second.url(), path, fiveLine(controllerKey, path)));
    assertThat(running(victim)).as("nothing changed on the second agent").isTrue();
    assertThat(send(second.url(), path, forB).statusCode()).isEqualTo(200);
    assertThat(running(victim)).isFalse();
  }

  private static String addEnvironment(String name, String url) {
    String id =
        asAdmin()
            .body(Map.of("name", name, "url", url))
            .post("/api/environments")
            .then()
            .log()
            .ifValidationFails()
            .statusCode(201)
            .body("status", is("up"))
            .extract()
            .path("id");
    ENVIRONMENTS.add(id);
    return id;
  }

  private HttpResponse<String> send(String base, String path, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
    headers.forEach(rb::header);
    return http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("\"error\":\"UNAUTHENTICATED\"");
  }

  private static Map<String, String> fiveLine(KeyPair key, String path) throws Exception {
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String nonce = UUID.randomUUID().toString().replace("-", "");
    String text =
        "POST\n" + path + "\n" + ts + "\n" + nonce + "\n" + CanonicalRequest.sha256Hex(null);
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(key.getPrivate());
    s.update(text.getBytes(StandardCharsets.UTF_8));
    return Map.of(
        SigningHeaders.TIMESTAMP,
        ts,
        SigningHeaders.NONCE,
        nonce,
        SigningHeaders.SIGNATURE,
        Base64.getEncoder().encodeToString(s.sign()));
  }

  private static boolean running(String name) throws Exception {
    Process p =
        new ProcessBuilder("docker", "inspect", "-f", "{{.State.Running}}", name)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return out.equals("true");
  }
}
