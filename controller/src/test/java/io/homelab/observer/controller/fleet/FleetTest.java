package io.homelab.observer.controller.fleet;

import static io.homelab.observer.controller.TestApi.as;
import static io.homelab.observer.controller.TestApi.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.homelab.observer.controller.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The controller against real agents (separate processes, real dockerd): adding by key and by
 * pairing code, TLS pinning, fan-out with a black-holed and a stopped agent, actions with audit,
 * logs. The steps build on each other.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetTest {

  static final String LABEL = "homelab.test";
  static final String LABEL_VALUE = "controller";

  static AgentProcess alpha;
  static AgentProcess bravo;
  static AgentProcess charlie;
  static AgentProcess delta;
  static AgentProcess echo;
  static SwitchableProxy bravoProxy;
  static String publicKey;
  static String image;

  static String alphaId;
  static String bravoId;
  static String charlieId;
  static String deltaId;
  static String echoId;
  static String containerName;

  /**
   * Once, before the first step; in @BeforeEach because the app (and its port) is up only by then.
   */
  @BeforeEach
  void startAgentsOnce() throws Exception {
    if (alpha == null) {
      startAgents();
    }
  }

  static void startAgents() throws Exception {
    image =
        System.getenv().getOrDefault("HOMELAB_TEST_DOCKER_IMAGE", "homelab-test/busybox:latest");
    publicKey = given().get("/api/public-key").then().statusCode(200).extract().path("publicKey");
    // started in parallel: each is a JVM, and the machine has two cores
    var a = CompletableFuture.supplyAsync(() -> AgentProcess.start("alpha", publicKey, false));
    var b = CompletableFuture.supplyAsync(() -> AgentProcess.start("bravo", publicKey, false));
    var c = CompletableFuture.supplyAsync(() -> AgentProcess.start("charlie", publicKey, false));
    var d = CompletableFuture.supplyAsync(() -> AgentProcess.start("delta", null, false));
    var e = CompletableFuture.supplyAsync(() -> AgentProcess.start("echo", publicKey, true));
    alpha = a.get(3, TimeUnit.MINUTES);
    bravo = b.get(3, TimeUnit.MINUTES);
    charlie = c.get(3, TimeUnit.MINUTES);
    delta = d.get(3, TimeUnit.MINUTES);
    echo = e.get(3, TimeUnit.MINUTES);
    bravoProxy = new SwitchableProxy(bravo.port());
  }

  @AfterAll
  static void stopAgents() throws Exception {
    for (AgentProcess p : new AgentProcess[] {alpha, bravo, charlie, delta, echo}) {
      if (p != null) {
        p.stop();
      }
    }
    if (bravoProxy != null) {
      bravoProxy.close();
    }
    // Only our own containers, by label (the dockerd is shared).
    Process ps =
        new ProcessBuilder("docker", "ps", "-aq", "--filter", "label=" + LABEL + "=" + LABEL_VALUE)
            .redirectErrorStream(true)
            .start();
    String ids = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    ps.waitFor();
    if (!ids.isEmpty()) {
      List<String> cmd = new java.util.ArrayList<>(List.of("docker", "rm", "-f"));
      cmd.addAll(List.of(ids.split("\\s+")));
      new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor();
    }
    Process vols =
        new ProcessBuilder(
                "docker", "volume", "ls", "-q", "--filter", "label=" + LABEL + "=" + LABEL_VALUE)
            .redirectErrorStream(true)
            .start();
    String names = new String(vols.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    vols.waitFor();
    if (!names.isEmpty()) {
      List<String> cmd = new java.util.ArrayList<>(List.of("docker", "volume", "rm", "-f"));
      cmd.addAll(List.of(names.split("\\s+")));
      new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor();
    }
  }

  @Test
  @Order(1)
  void addsAgentsThatTrustThisControllerByUrlAlone() {
    alphaId = add("alpha", alpha.url());
    bravoId = add("bravo", bravoProxy.url());
    charlieId = add("charlie", charlie.url());
    JsonPath envs = asAdmin().get("/api/environments").then().statusCode(200).extract().jsonPath();
    Map<String, Object> a = envs.getMap("find { it.id == '" + alphaId + "' }");
    assertThat(a.get("status")).isEqualTo("up");
    assertThat((String) a.get("dockerVersion")).isNotBlank();
    assertThat(a.get("lastSeen")).isNotNull();
    assertThat((Integer) a.get("containersTotal")).isNotNull();
    assertThat((Integer) a.get("cpus")).isPositive();
    // the same agent twice is a conflict, not a second environment
    asAdmin()
        .body(Map.of("name", "alpha-again", "url", alpha.url()))
        .post("/api/environments")
        .then()
        .statusCode(409)
        .body("error", is("CONFLICT"));
  }

  @Test
  @Order(2)
  void refusesAnUnpairedAgentWithoutCodeAndPairsItWithTheCode() {
    asAdmin()
        .body(Map.of("name", "delta", "url", delta.url()))
        .post("/api/environments")
        .then()
        .statusCode(409)
        .body("message", org.hamcrest.Matchers.containsString("pairingCode"));
    asAdmin()
        .body(Map.of("name", "delta", "url", delta.url(), "pairingCode", "WRONG0000"))
        .post("/api/environments")
        .then()
        .statusCode(400)
        .body("error", is("PAIRING_FAILED"));
    deltaId =
        asAdmin()
            .body(
                Map.of(
                    "name",
                    "delta",
                    "url",
                    delta.url(),
                    "pairingCode",
                    delta.pairingCode(),
                    "group",
                    "lab",
                    "tags",
                    List.of("pi", "garage")))
            .post("/api/environments")
            .then()
            .statusCode(201)
            .body("status", is("up"))
            .body("group", is("lab"))
            .extract()
            .path("id");
    // the agent now reports itself paired, and signed calls work
    given().get(delta.url() + "/api/ping").then().statusCode(200).body("paired", is(true));
    asAdmin()
        .queryParam("environment", deltaId)
        .get("/api/containers")
        .then()
        .statusCode(200)
        .body("errors.size()", is(0));
    assertThat(auditTargets("environment.create", null)).anyMatch(t -> t.startsWith("delta "));
  }

  @Test
  @Order(3)
  void pinsTheAgentsTlsCertificateAtPairing() {
    String reported =
        given()
            .relaxedHTTPSValidation()
            .get(echo.url() + "/api/ping")
            .then()
            .statusCode(200)
            .extract()
            .path("tlsFingerprint");
    assertThat(reported).isNotBlank();
    // no trust on first use: over https the operator's copy of the fingerprint is required
    asAdmin()
        .body(Map.of("name", "echo", "url", echo.url()))
        .post("/api/environments")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.containsString("tlsFingerprint is required"));
    // a wrong expected fingerprint is refused before anything is sent to the agent
    asAdmin()
        .body(Map.of("name", "echo", "url", echo.url(), "tlsFingerprint", "00".repeat(32)))
        .post("/api/environments")
        .then()
        .statusCode(409)
        .body("error", is("CONFLICT"));
    echoId =
        asAdmin()
            .body(Map.of("name", "echo", "url", echo.url(), "tlsFingerprint", reported))
            .post("/api/environments")
            .then()
            .statusCode(201)
            .body("status", is("up"))
            .body("tlsFingerprint", is(reported.replace(":", "").toLowerCase()))
            .body(
                "agentId",
                is(
                    given()
                        .relaxedHTTPSValidation()
                        .get(echo.url() + "/api/ping")
                        .then()
                        .extract()
                        .<String>path("agentId")))
            .extract()
            .path("id");
  }

  @Test
  @Order(4)
  void deploysListsAcrossEnvironmentsRestartsAndAudits() {
    containerName = "hlo-ctl-" + System.nanoTime();
    Instant before = Instant.now().minusSeconds(1);
    asAdmin()
        .body(
            Map.of(
                "image",
                image,
                "name",
                containerName,
                "command",
                List.of(
                    "sh",
                    "-c",
                    "trap 'exit 0' TERM; echo hello-from-controller-test; sleep 3600 & wait"),
                "labels",
                Map.of(LABEL, LABEL_VALUE),
                "pull",
                false))
        .post("/api/environments/" + alphaId + "/containers")
        .then()
        .statusCode(201)
        .body("id", notNullValue());

    JsonPath all =
        as(TestApi.tokenOf("viewer"))
            .get("/api/containers")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(all.getList("errors")).isEmpty();
    // one dockerd behind every agent: each environment lists the container, tagged with itself
    List<String> envsWithIt =
        all.getList("items.findAll { it.name == '" + containerName + "' }.environmentId");
    assertThat(envsWithIt).containsExactlyInAnyOrder(alphaId, bravoId, charlieId, deltaId, echoId);
    JsonPath one =
        asAdmin()
            .queryParam("environment", alphaId)
            .get("/api/containers")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(one.getList("items.environmentId", String.class)).containsOnly(alphaId);
    assertThat(one.getString("items.find { it.name == '" + containerName + "' }.state"))
        .isEqualTo("running");

    as(TestApi.tokenOf("operator"))
        .post("/api/environments/" + alphaId + "/containers/" + containerName + "/restart")
        .then()
        .statusCode(200)
        .body("action", is("restart"));
    as(TestApi.tokenOf("viewer"))
        .post("/api/environments/" + alphaId + "/containers/" + containerName + "/restart")
        .then()
        .statusCode(403);

    JsonPath audit =
        asAdmin()
            .queryParam("environment", alphaId)
            .queryParam("since", before.toString())
            .get("/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(audit.getList("items.action", String.class))
        .contains("container.deploy", "container.restart");
    Map<String, Object> restart = audit.getMap("items.find { it.action == 'container.restart' }");
    assertThat(restart.get("user")).isEqualTo("test-operator");
    assertThat(restart.get("target")).isEqualTo(containerName);
    assertThat(restart.get("result")).isEqualTo("ok");

    asAdmin()
        .get("/api/images")
        .then()
        .statusCode(200)
        .body("errors.size()", is(0))
        .body("items.environmentId", org.hamcrest.Matchers.hasItem(alphaId));
    asAdmin().get("/api/volumes").then().statusCode(200).body("errors.size()", is(0));
  }

  @Test
  @Order(5)
  void readsLogsOnceAndFollowsThemAsServerSentEvents() throws Exception {
    String path = "/api/environments/" + alphaId + "/containers/" + containerName + "/logs";
    asAdmin()
        .queryParam("tail", 50)
        .get(path)
        .then()
        .statusCode(200)
        .body(
            "lines.message",
            org.hamcrest.Matchers.hasItem(
                org.hamcrest.Matchers.containsString("hello-from-controller-test")));

    HttpClient http = HttpClient.newHttpClient();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(baseUrl() + path + "?follow=true&tail=50"))
            .header("Authorization", "Bearer " + TestApi.adminToken())
            .build();
    HttpResponse<java.io.InputStream> resp =
        http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    String firstData =
        CompletableFuture.supplyAsync(
                () -> {
                  try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                      if (line.startsWith("data:") && line.contains("hello-from-controller-test")) {
                        return line;
                      }
                    }
                    return null;
                  } catch (java.io.IOException e) {
                    return "error: " + e;
                  }
                })
            .get(60, TimeUnit.SECONDS);
    assertThat(firstData).contains("\"message\"");
  }

  @Test
  @Order(5)
  void readsStatsAndCreatesAndRemovesAVolumeWithAudit() {
    asAdmin()
        .get("/api/environments/" + alphaId + "/containers/" + containerName + "/stats")
        .then()
        .statusCode(200);
    String volume = "hlo-ctl-vol-" + System.nanoTime();
    as(TestApi.tokenOf("operator"))
        .body(Map.of("name", volume, "labels", Map.of(LABEL, LABEL_VALUE)))
        .post("/api/environments/" + alphaId + "/volumes")
        .then()
        .statusCode(201)
        .body("name", is(volume));
    assertThat(
            asAdmin()
                .queryParam("environment", alphaId)
                .get("/api/volumes")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.name", String.class))
        .contains(volume);
    as(TestApi.tokenOf("operator"))
        .delete("/api/environments/" + alphaId + "/volumes/" + volume)
        .then()
        .statusCode(204);
    assertThat(auditTargets("volume.create", alphaId)).contains(volume);
    assertThat(auditTargets("volume.remove", alphaId)).contains(volume);
  }

  @Test
  @Order(6)
  void agentErrorsComeBackWithTheirStatusAndMessageAndAreAudited() {
    asAdmin()
        .post("/api/environments/" + alphaId + "/containers/hlo-ctl-does-not-exist/restart")
        .then()
        .statusCode(404)
        .body("error", is("NOT_FOUND"))
        .body("message", org.hamcrest.Matchers.containsString("alpha"));
    JsonPath audit =
        asAdmin()
            .queryParam("environment", alphaId)
            .queryParam("action", "container.restart")
            .get("/api/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(audit.getString("items[0].target")).isEqualTo("hlo-ctl-does-not-exist");
    assertThat(audit.getString("items[0].result")).isEqualTo("failed");
  }

  @Test
  @Order(7)
  void aBlackHoledAgentBecomesATimeoutEntryBesideTheOthersResults() {
    bravoProxy.blackHole();
    long start = System.nanoTime();
    JsonPath all = asAdmin().get("/api/containers").then().statusCode(200).extract().jsonPath();
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "fan-out with bravo black-holed answered in %d ms (agent time-out 2 s)%n", millis);
    assertThat(all.getList("errors.environmentId", String.class)).containsExactly(bravoId);
    assertThat(all.getString("errors[0].error")).isEqualTo("AGENT_TIMEOUT");
    assertThat(all.getList("items.environmentId", String.class))
        .contains(alphaId, charlieId, deltaId, echoId)
        .doesNotContain(bravoId);
    // a direct action on it is a 504, not a hang
    asAdmin()
        .get("/api/environments/" + bravoId + "/containers/" + containerName)
        .then()
        .statusCode(504)
        .body("error", is("AGENT_TIMEOUT"));
    asAdmin()
        .post("/api/environments/" + bravoId + "/refresh")
        .then()
        .statusCode(200)
        .body("status", is("down"));
    bravoProxy.forward();
    asAdmin()
        .post("/api/environments/" + bravoId + "/refresh")
        .then()
        .statusCode(200)
        .body("status", is("up"));
  }

  @Test
  @Order(8)
  void aStoppedAgentIsDownAndAnUnreachableEntry() {
    charlie.stop();
    // Read after the stop: the background status poll may have seen charlie up until then.
    String lastSeen =
        asAdmin().get("/api/environments/" + charlieId).then().extract().path("lastSeen");
    JsonPath all = asAdmin().get("/api/containers").then().statusCode(200).extract().jsonPath();
    assertThat(all.getList("errors.environmentId", String.class)).containsExactly(charlieId);
    assertThat(all.getString("errors[0].error")).isEqualTo("AGENT_UNREACHABLE");
    asAdmin()
        .post("/api/environments/" + charlieId + "/refresh")
        .then()
        .statusCode(200)
        .body("status", is("down"))
        .body("lastSeen", is(lastSeen));
  }

  @Test
  @Order(9)
  void aChangedCertificateIsRefusedWithAClearError() {
    int port = echo.port();
    echo.stop();
    // same port and key, new data dir: a new self-signed certificate, as after a reinstall or an
    // impostor
    echo = AgentProcess.start("echo2", publicKey, true, port, null, Map.of());
    asAdmin()
        .get("/api/environments/" + echoId + "/containers/" + containerName)
        .then()
        .statusCode(502)
        .body("error", is("AGENT_TLS_MISMATCH"))
        .body("message", org.hamcrest.Matchers.containsString("pinned"));
    JsonPath all =
        asAdmin()
            .queryParam("environment", echoId)
            .get("/api/containers")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(all.getString("errors[0].error")).isEqualTo("AGENT_TLS_MISMATCH");
  }

  @Test
  @Order(10)
  void anAgentThatNoLongerTrustsUsIsUnpaired() {
    int port = delta.port();
    var dir = delta.dataDir();
    delta.stop();
    delta =
        AgentProcess.start(
            "delta", null, false, port, dir, Map.of("HOMELAB_AGENT_PAIRING_RESET", "true"));
    asAdmin()
        .post("/api/environments/" + deltaId + "/refresh")
        .then()
        .statusCode(200)
        .body("status", is("unpaired"));
    asAdmin()
        .queryParam("environment", deltaId)
        .get("/api/containers")
        .then()
        .statusCode(200)
        .body("errors[0].error", is("AGENT_REJECTED_CONTROLLER"));
  }

  @Test
  @Order(11)
  void editsAndRemovesEnvironmentsWithAudit() {
    asAdmin()
        .body(Map.of("name", "alpha-renamed", "group", "rack", "tags", List.of("x86")))
        .patch("/api/environments/" + alphaId)
        .then()
        .statusCode(200)
        .body("name", is("alpha-renamed"))
        .body("tags", is(List.of("x86")));
    asAdmin()
        .body(Map.of("name", "bravo"))
        .patch("/api/environments/" + alphaId)
        .then()
        .statusCode(409);
    asAdmin()
        .delete("/api/environments/" + alphaId + "/containers/" + containerName + "?force=true")
        .then()
        .statusCode(200);
    asAdmin().delete("/api/environments/" + charlieId).then().statusCode(204);
    asAdmin().get("/api/environments/" + charlieId).then().statusCode(404);
    assertThat(auditTargets("environment.delete", charlieId)).hasSize(1);
    assertThat(auditTargets("container.remove", alphaId)).contains(containerName);
  }

  private static String add(String name, String url) {
    return asAdmin()
        .body(Map.of("name", name, "url", url))
        .post("/api/environments")
        .then()
        .statusCode(201)
        .body("status", is("up"))
        .extract()
        .path("id");
  }

  private static List<String> auditTargets(String action, String environmentId) {
    var spec = asAdmin().queryParam("action", action);
    if (environmentId != null) {
      spec.queryParam("environment", environmentId);
    }
    return spec.get("/api/audit")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.target", String.class);
  }

  private static String baseUrl() {
    return io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
  }
}
