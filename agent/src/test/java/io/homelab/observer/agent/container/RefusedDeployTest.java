package io.homelab.observer.agent.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.homelab.observer.agent.AgentProfiles;
import io.homelab.observer.agent.TestController;
import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.client.AgentException;
import io.homelab.observer.common.wire.DeployRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Refused deploys answer 400 naming the reason and leave no container on the real dockerd. */
@QuarkusTest
@TestProfile(AgentProfiles.Paired.class)
class RefusedDeployTest {

  @TestHTTPResource("/")
  URI base;

  @Inject DockerClient docker;

  @AfterAll
  static void cleanUp() {
    ContainerTestSupport.removeOurContainers();
  }

  private void refusedAndAbsent(
      String reason,
      Boolean privileged,
      String net,
      String pid,
      List<String> caps,
      List<String> devices,
      List<String> volumes) {
    AgentClient agent = TestController.client(base);
    String name = TestController.PREFIX + "refused-" + UUID.randomUUID().toString().substring(0, 8);
    DeployRequest r =
        new DeployRequest(
            TestController.image(),
            name,
            List.of("sleep", "60"),
            null,
            null,
            volumes,
            null,
            TestController.labels(),
            false,
            privileged,
            net,
            pid,
            null,
            caps,
            devices);
    assertThatThrownBy(() -> agent.deploy(r))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error()).isEqualTo("REFUSED");
              assertThat(e.getMessage()).contains(reason);
            });
    assertThat(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec())
        .isEmpty();
  }

  @Test
  void everyRefusalLeavesNoContainer() {
    refusedAndAbsent("privileged", true, null, null, null, null, null);
    refusedAndAbsent("networkMode host", null, "host", null, null, null, null);
    refusedAndAbsent("pidMode host", null, null, "host", null, null, null);
    refusedAndAbsent("SYS_ADMIN", null, null, null, List.of("SYS_ADMIN"), null, null);
    refusedAndAbsent("devices", null, null, null, null, List.of("/dev/mem"), null);
    refusedAndAbsent("of / ", null, null, null, null, null, List.of("/:/host"));
    refusedAndAbsent(
        "Docker socket", null, null, null, null, null, List.of("/var/run/docker.sock:/s"));
    refusedAndAbsent(
        "allowed-bind-roots", null, null, null, null, null, List.of("/opt/not-allowed:/t"));
  }

  @Test
  void aDeployWhoseStartFailsLeavesNoContainer() {
    AgentClient agent = TestController.client(base);
    String name = TestController.PREFIX + "nostart-" + UUID.randomUUID().toString().substring(0, 8);
    DeployRequest r =
        new DeployRequest(
            TestController.image(),
            name,
            List.of("/no/such/binary"),
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
            null);
    assertThatThrownBy(() -> agent.deploy(r)).isInstanceOf(AgentException.class);
    assertThat(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec())
        .isEmpty();
  }
}
