package io.homelab.observer.agent.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.homelab.observer.agent.AgentProfiles;
import io.homelab.observer.agent.TestController;
import io.homelab.observer.agent.container.ContainerTestSupport;
import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.client.AgentException;
import io.homelab.observer.common.wire.DeployRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Attack: a determined operator tries to get the host through a deploy: a symlink planted under an
 * allowed bind root, and the host network named by its id or an id prefix. Each is refused with 400
 * REFUSED and no container exists afterwards.
 */
@QuarkusTest
@TestProfile(DeployEscapeAttackTest.WithBindRoot.class)
@Tag("security")
class DeployEscapeAttackTest {

  static final Path ROOT =
      Path.of("target/test-data/bind-root-" + UUID.randomUUID().toString().substring(0, 8))
          .toAbsolutePath();

  /** The paired agent with one allowed bind root. */
  public static class WithBindRoot implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "homelab.agent.data-dir", AgentProfiles.freshDataDir("agent-escape"),
          "homelab.agent.controller-public-key", TestController.publicKey(),
          "homelab.agent.allowed-bind-roots", ROOT.toString());
    }
  }

  @TestHTTPResource("/")
  URI base;

  @Inject DockerClient docker;

  @AfterAll
  static void cleanUp() {
    ContainerTestSupport.removeOurContainers();
  }

  @Test
  void symlinksUnderAnAllowedRootAreResolvedBeforeTheCheck() throws Exception {
    Files.createDirectories(ROOT.resolve("data"));
    Files.createSymbolicLink(ROOT.resolve("etc-link"), Path.of("/etc"));
    Files.createSymbolicLink(ROOT.resolve("root-link"), Path.of("/"));
    Files.createSymbolicLink(ROOT.resolve("up"), Path.of(".."));
    Files.createSymbolicLink(ROOT.resolve("sock"), Path.of("/var/run/docker.sock"));
    refused(ROOT + "/etc-link:/x", null, "/etc");
    refused(ROOT + "/root-link/etc/shadow:/x", null, "/etc");
    refused(ROOT + "/root-link:/x", null, "of /");
    refused(ROOT + "/sock:/var/run/docker.sock", null, "socket");
    // A relative link out of the root: judged on the real path it leads to (here it also contains
    // the agent's own data dir), never on the path as written.
    refused(ROOT + "/up:/x", null, "(really ");
  }

  @Test
  void theHostNetworkByIdOrIdPrefixAndAnotherContainersNamespaceAreRefused() {
    String hostId =
        docker.listNetworksCmd().exec().stream()
            .filter(n -> "host".equals(n.getName()))
            .findFirst()
            .orElseThrow()
            .getId();
    refused(null, hostId, "networkMode");
    refused(null, hostId.substring(0, 12), "networkMode");
    refused(null, hostId.substring(0, 4), "networkMode");
    refused(null, "HOST", "networkMode");
    refused(null, "container:" + hostId.substring(0, 12), "networkMode");
  }

  @Test
  void aVolumeCreatedOutsideTheSuiteIsNotMountable() {
    // Made on dockerd directly, as another stack's data volume would be.
    String outside =
        TestController.PREFIX + "outside-" + UUID.randomUUID().toString().substring(0, 8);
    docker.createVolumeCmd().withName(outside).withLabels(TestController.labels()).exec();
    refused(outside + ":/data", null, "not created through the agent");
    assertThat(docker.inspectVolumeCmd(outside).exec().getName())
        .as("the volume is untouched")
        .isEqualTo(outside);
    // One made through the agent's volume API is mountable.
    AgentClient agent = TestController.client(base);
    String ours = TestController.PREFIX + "ours-" + UUID.randomUUID().toString().substring(0, 8);
    agent.createVolume(
        new io.homelab.observer.common.wire.VolumeCreateRequest(
            ours, null, TestController.labels()));
    String name = TestController.PREFIX + "volok-" + UUID.randomUUID().toString().substring(0, 8);
    agent.deploy(
        new DeployRequest(
            TestController.image(),
            name,
            List.of("sleep", "60"),
            null,
            null,
            List.of(ours + ":/data"),
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

  private void refused(String volume, String networkMode, String reason) {
    AgentClient agent = TestController.client(base);
    String name = TestController.PREFIX + "escape-" + UUID.randomUUID().toString().substring(0, 8);
    DeployRequest r =
        new DeployRequest(
            TestController.image(),
            name,
            List.of("sleep", "60"),
            null,
            null,
            volume == null ? null : List.of(volume),
            null,
            TestController.labels(),
            false,
            null,
            networkMode,
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> agent.deploy(r))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error()).isEqualTo("REFUSED");
              assertThat(e.getMessage()).contains(reason);
            });
    assertThat(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec())
        .as("nothing was created")
        .isEmpty();
  }
}
