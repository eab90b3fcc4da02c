package io.homelab.observer.agent.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import io.homelab.observer.agent.AgentProfiles;
import io.homelab.observer.agent.TestController;
import io.homelab.observer.agent.container.ContainerTestSupport;
import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.client.AgentException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Attack: exec into containers that are escape hatches (privileged, mounting the Docker socket or
 * the host's root), made outside the agent as another admin of the host might. Each is refused with
 * 400 REFUSED and no exec is ever created in them.
 */
@QuarkusTest
@TestProfile(AgentProfiles.Paired.class)
@Tag("security")
class ExecEscapeAttackTest {

  @TestHTTPResource("/")
  URI base;

  @Inject DockerClient docker;

  @AfterAll
  static void cleanUp() {
    ContainerTestSupport.removeOurContainers();
  }

  @Test
  void execIntoPrivilegedOrSocketOrRootMountingContainersIsRefused() {
    String privileged = created(HostConfig.newHostConfig().withPrivileged(true), "priv");
    String socket =
        created(
            HostConfig.newHostConfig().withBinds(Bind.parse("/var/run/docker.sock:/docker.sock")),
            "sock");
    String root = created(HostConfig.newHostConfig().withBinds(Bind.parse("/:/host:ro")), "root");
    AgentClient agent = TestController.client(base);
    for (String id : List.of(privileged, socket, root)) {
      assertThatThrownBy(() -> agent.exec(id, List.of("id")))
          .isInstanceOfSatisfying(
              AgentException.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.error()).isEqualTo("REFUSED");
              });
      List<String> execs = docker.inspectContainerCmd(id).exec().getExecIds();
      assertThat(execs == null ? List.of() : execs).as("no exec was created").isEmpty();
    }
  }

  private String created(HostConfig host, String what) {
    String name =
        TestController.PREFIX
            + "hatch-"
            + what
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    String id =
        docker
            .createContainerCmd(TestController.image())
            .withName(name)
            .withLabels(TestController.labels())
            .withCmd("sleep", "300")
            .withHostConfig(host)
            .exec()
            .getId();
    // Created, not started: some test hosts (nested or rootless dockerd) cannot start a privileged
    // container, and the guard must refuse before it would matter whether it runs.
    return id;
  }
}
