package io.homelab.observer.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.agent.AgentProfiles;
import io.homelab.observer.agent.TestController;
import io.homelab.observer.agent.container.ContainerTestSupport;
import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.signing.Ed25519Keys;
import io.homelab.observer.common.wire.DeployRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * State-changing calls, accepted or refused, land in the append-only audit file with who and what.
 */
@QuarkusTest
@TestProfile(AgentProfiles.Paired.class)
class AuditLogTest {

  @TestHTTPResource("/")
  URI base;

  @Inject AuditLog audit;

  @AfterAll
  static void cleanUp() {
    ContainerTestSupport.removeOurContainers();
  }

  @Test
  void recordsWhoDidWhatAndTheResult() throws Exception {
    AgentClient agent = TestController.client(base);
    String name = TestController.PREFIX + "audit-" + UUID.randomUUID().toString().substring(0, 8);
    agent.deploy(
        new DeployRequest(
            TestController.image(),
            name,
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
    agent.containerAction(name, "stop");
    agent.raw("POST", "/api/containers/" + name + "/start", null, false);
    agent.removeContainer(name, true, false);
    agent.containers(true);

    String fingerprint = Ed25519Keys.fingerprint(TestController.KEYS.getPublic());
    audit.flush();
    List<String> lines = Files.readAllLines(audit.file());
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\"who\":\"" + fingerprint + "\"",
                        "\"action\":\"container.deploy\"",
                        "\"target\":\"" + name + "\"",
                        "\"status\":201",
                        "\"result\":\"ok\""))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\"who\":\"" + fingerprint + "\"",
                        "\"action\":\"container.stop\"",
                        "\"target\":\"" + name + "\"",
                        "\"result\":\"ok\""))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\"who\":\"unauthenticated\"",
                        "\"action\":\"container.start\"",
                        "\"status\":401"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\"action\":\"container.remove\"", "\"target\":\"" + name + "\""));
    assertThat(lines).noneSatisfy(l -> assertThat(l).contains("\"method\":\"GET\""));
  }

  @Test
  void aFloodOfUnsignedRequestsIsCoalescedIntoAFewBoundedLines() throws Exception {
    audit.flush();
    long before = Files.readAllLines(audit.file()).size();
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    String longPath = "/api/containers/" + "x".repeat(4000) + "/stop";
    long started = System.nanoTime();
    int n = 500;
    List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<Void>>> sent =
        new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      sent.add(
          http.sendAsync(
              java.net.http.HttpRequest.newBuilder(base.resolve(longPath))
                  .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.discarding()));
    }
    for (var f : sent) {
      assertThat(f.get().statusCode()).isEqualTo(401);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    Thread.sleep(1200); // let the second's burst line be written
    audit.flush();
    List<String> added = Files.readAllLines(audit.file());
    added = added.subList((int) before, added.size());
    System.out.printf(
        "%d unsigned requests answered in %d ms; %d audit lines%n", n, millis, added.size());
    // A line per second at most, plus its burst line, however many requests came.
    assertThat(added.size()).isLessThanOrEqualTo(2 * (int) (millis / 1000 + 2));
    assertThat(added).allSatisfy(l -> assertThat(l.length()).isLessThan(2000));
    long counted =
        added.stream()
            .mapToLong(
                l -> {
                  java.util.regex.Matcher m =
                      java.util.regex.Pattern.compile("\"repeated\":(\\d+)").matcher(l);
                  return m.find() ? Long.parseLong(m.group(1)) : 1;
                })
            .sum();
    assertThat(counted).as("every request is accounted for").isBetween((long) n, n + 1L);
  }
}
