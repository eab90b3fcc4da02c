package io.homelab.observer.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.homelab.observer.agent.TestController;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Helpers for tests on the shared dockerd: waiting, and removing only this module's containers. */
public final class ContainerTestSupport {

  private ContainerTestSupport() {}

  /** A direct client on the shared dockerd, for checks and clean-up outside the agent. */
  public static DockerClient directDocker() {
    var config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost("unix:///var/run/docker.sock")
            .build();
    return DockerClientImpl.getInstance(
        config, new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
  }

  /**
   * Removes this run's containers (label {@code homelab.test.run}) and volumes (name prefix);
   * nobody else's.
   */
  public static void removeOurContainers() {
    try (DockerClient d = directDocker()) {
      String label = TestController.RUN_LABEL + "=" + TestController.RUN;
      for (var c : d.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec()) {
        try {
          d.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
          // A test removed it itself meanwhile.
        }
      }
      var volumes = d.listVolumesCmd().exec().getVolumes();
      if (volumes != null) {
        for (var v : volumes) {
          if (v.getName().startsWith(TestController.PREFIX)) {
            try {
              d.removeVolumeCmd(v.getName()).exec();
            } catch (RuntimeException inUse) {
              // Still attached to a container another test is using; its own clean-up removes it.
            }
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Polls {@code condition} for up to 20 s; fails with a clear message when it never holds. */
  public static void waitFor(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("condition did not hold within 20 s");
  }
}
