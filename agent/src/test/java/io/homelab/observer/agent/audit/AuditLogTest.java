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
}
