package io.homelab.observer.agent.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.homelab.observer.agent.AgentProfiles;
import io.homelab.observer.agent.TestController;
import io.homelab.observer.agent.container.ContainerTestSupport;
import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.client.AgentException;
import io.homelab.observer.common.wire.DeployRequest;
import io.homelab.observer.common.wire.HostInfo;
import io.homelab.observer.common.wire.PruneResult;
import io.homelab.observer.common.wire.PullProgress;
import io.homelab.observer.common.wire.VolumeCreateRequest;
import io.homelab.observer.common.wire.VolumeSummary;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Images, volumes, networks and host info against the real dockerd (no registry: pulls go to
 * loopback).
 */
@QuarkusTest
@TestProfile(AgentProfiles.Paired.class)
class ImageVolumeNetworkHostTest {

  @TestHTTPResource("/")
  URI base;

  @Inject DockerClient docker;

  AgentClient agent;

  @BeforeEach
  void client() {
    agent = TestController.client(base);
  }

  @AfterAll
  static void cleanUp() {
    ContainerTestSupport.removeOurContainers();
  }

  @Test
  void listsTheLocalTestImage() {
    assertThat(agent.images())
        .anySatisfy(i -> assertThat(i.repoTags()).contains(TestController.image()));
  }

  @Test
  void pullFromAnUnreachableRegistryFailsWithTheDocumentedBody() {
    // A registry on a closed loopback port: the test sends nothing off this machine.
    assertThatThrownBy(() -> agent.pullImage("127.0.0.1:1/agentapi/none:latest"))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> {
              assertThat(e.status()).isIn(404, 502);
              assertThat(e.getMessage()).isNotBlank();
            });
    try (Stream<PullProgress> progress =
        agent.pullImageWithProgress("127.0.0.1:1/agentapi/none:latest")) {
      List<PullProgress> events = progress.toList();
      assertThat(events).isNotEmpty();
      assertThat(events.get(events.size() - 1).error()).isNotBlank();
    }
    assertThatThrownBy(() -> agent.pullImage("bad ref!"))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void removeAndPruneOnlyTouchOurOwnImage() throws Exception {
    String label = TestController.RUN_LABEL + "=" + TestController.RUN;
    String name = TestController.PREFIX + "img-" + UUID.randomUUID().toString().substring(0, 8);
    String cid =
        docker
            .createContainerCmd(TestController.image())
            .withName(name)
            .withLabels(TestController.labels())
            .exec()
            .getId();
    String repo = "agentapi-test/pruneme-" + TestController.RUN;
    String tagged =
        docker
            .commitCmd(cid)
            .withRepository(repo)
            .withTag("one")
            .withLabels(TestController.labels())
            .exec();
    String dangling = docker.commitCmd(cid).withLabels(TestController.labels()).exec();
    docker.removeContainerCmd(cid).withForce(true).exec();
    // The image row counts the containers made from it, stopped ones included.
    assertThat(agent.images())
        .filteredOn(i -> i.id().equals(tagged))
        .singleElement()
        .satisfies(i -> assertThat(i.containers()).isZero());
    String user =
        docker
            .createContainerCmd(tagged)
            .withName(name + "-user")
            .withLabels(TestController.labels())
            .exec()
            .getId();
    assertThat(agent.images())
        .filteredOn(i -> i.id().equals(tagged))
        .singleElement()
        .satisfies(i -> assertThat(i.containers()).isEqualTo(1));
    docker.removeContainerCmd(user).withForce(true).exec();

    agent.removeImage(repo + ":one", false);
    assertThatThrownBy(() -> docker.inspectImageCmd(tagged).exec())
        .isInstanceOf(com.github.dockerjava.api.exception.NotFoundException.class);
    assertThatThrownBy(() -> agent.removeImage(repo + ":one", false))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(404));

    PruneResult pruned = agent.pruneImages(true, label);
    assertThat(pruned.deleted()).contains(dangling);
    assertThat(docker.inspectImageCmd(TestController.image()).exec().getId()).isNotBlank();
  }

  @Test
  void volumesCreateListRemoveAndInUseConflict() {
    String name = TestController.PREFIX + "vol-" + UUID.randomUUID().toString().substring(0, 8);
    VolumeSummary created =
        agent.createVolume(new VolumeCreateRequest(name, null, TestController.labels()));
    assertThat(created.name()).isEqualTo(name);
    assertThat(created.driver()).isEqualTo("local");
    assertThat(created.scope()).isEqualTo("local");
    assertThat(created.createdAt()).isNotBlank();
    assertThat(created.labels()).containsAllEntriesOf(TestController.labels());
    assertThat(agent.volumes())
        .filteredOn(v -> v.name().equals(name))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.createdAt()).isEqualTo(created.createdAt());
              assertThat(v.scope()).isEqualTo("local");
              assertThat(v.mountpoint()).isEqualTo(created.mountpoint()).isNotBlank();
            });

    String user = TestController.PREFIX + "voluser-" + UUID.randomUUID().toString().substring(0, 8);
    agent.deploy(
        new DeployRequest(
            TestController.image(),
            user,
            List.of("sleep", "3600"),
            null,
            null,
            List.of(name + ":/v"),
            null,
            TestController.labels(),
            false,
            null,
            null,
            null,
            null,
            null,
            null));
    assertThatThrownBy(() -> agent.removeVolume(name, false))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(409));
    agent.removeContainer(user, true, false);
    agent.removeVolume(name, false);
    assertThat(agent.volumes()).extracting(VolumeSummary::name).doesNotContain(name);
    assertThatThrownBy(() -> agent.removeVolume(name, false))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> agent.createVolume(new VolumeCreateRequest("../etc", null, null)))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void networksIncludeDockersBridge() {
    assertThat(agent.networks())
        .anySatisfy(
            n -> {
              assertThat(n.name()).isEqualTo("bridge");
              assertThat(n.driver()).isEqualTo("bridge");
            });
  }

  @Test
  void hostInfoDescribesTheMachineAndEngine() {
    HostInfo host = agent.host();
    assertThat(host.hostname()).isNotBlank();
    assertThat(host.cpus()).isPositive();
    assertThat(host.memoryBytes()).isPositive();
    assertThat(host.kernelVersion()).isNotBlank();
    assertThat(host.dockerVersion()).isNotBlank();
    assertThat(host.dockerApiVersion()).matches("1\\.\\d+");
    assertThat(host.images()).isPositive();
    assertThat(host.disk().imagesBytes()).isPositive();
  }

  @Test
  void hostInfoHoldsWhileOtherDiskUsageWalksRun() throws Exception {
    // dockerd answers 500 to a disk-usage walk while another runs; a user's `docker system df`
    // (or a second agent on the same engine) must not make the host facts fail.
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(4);
    Thread dfLoop =
        new Thread(
            () -> {
              while (System.nanoTime() < until) {
                try {
                  new ProcessBuilder("docker", "system", "df")
                      .redirectErrorStream(true)
                      .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                      .start()
                      .waitFor();
                } catch (Exception e) {
                  return;
                }
              }
            });
    dfLoop.start();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<HostInfo>> answers = new java.util.ArrayList<>();
      while (System.nanoTime() < until) {
        for (int i = 0; i < 4; i++) {
          answers.add(pool.submit(agent::host));
        }
        Thread.sleep(200);
      }
      for (var answer : answers) {
        assertThat(answer.get().dockerVersion()).isNotBlank();
      }
    } finally {
      pool.shutdownNow();
      dfLoop.join();
    }
  }
}
