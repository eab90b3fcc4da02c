package io.homelab.observer.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.error.AgentErrors;
import io.homelab.observer.agent.volume.VolumeService;
import io.homelab.observer.common.error.ApiException;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which named volumes a deploy may mount: ones the agent's volume API created (its label),
 * ones listed in {@code homelab.agent.allowed-volumes}, and new ones, which are created here with
 * the label before the deploy; never a volume of the agent's own container (its keys and audit
 * file), and never another volume made outside the suite (another stack's data, or a {@code local}
 * volume that is a bind mount in disguise).
 */
@Singleton
public class VolumeAccess {

  private final Provider<DockerClient> docker;
  private final Set<String> allowed;
  private final ExecGuard self;

  public VolumeAccess(Provider<DockerClient> docker, AgentConfig config, ExecGuard self) {
    this.docker = docker;
    this.allowed = Set.copyOf(config.allowedVolumes().orElse(List.of()));
    this.self = self;
  }

  /** Refuses (400 REFUSED) the first volume of {@code mounts} that may not be mounted. */
  public void check(List<DeploySpec.VolumeMount> mounts) {
    Set<String> own = null;
    for (DeploySpec.VolumeMount m : mounts) {
      if (m.bind()) {
        continue;
      }
      if (own == null) {
        own = ownVolumes();
      }
      String name = m.source();
      if (own.contains(name)) {
        throw AgentErrors.refused("volume " + name + " belongs to the agent's own container");
      }
      InspectVolumeResponse v = inspect(name);
      if (v == null) {
        create(name);
        continue;
      }
      Map<String, String> labels = v.getLabels();
      boolean ours =
          labels != null
              && VolumeService.CREATED_BY_VALUE.equals(labels.get(VolumeService.CREATED_BY_LABEL));
      if (!ours && !allowed.contains(name)) {
        throw AgentErrors.refused(
            "volume "
                + name
                + " was not created through the agent and is not in homelab.agent.allowed-volumes");
      }
    }
  }

  private Set<String> ownVolumes() {
    Set<String> names = new HashSet<>();
    self.ownContainer()
        .ifPresent(
            id -> {
              InspectContainerResponse c =
                  DockerCalls.run(
                      "own container", () -> docker.get().inspectContainerCmd(id).exec());
              if (c.getMounts() != null) {
                for (InspectContainerResponse.Mount mount : c.getMounts()) {
                  if (mount.getName() != null) {
                    names.add(mount.getName());
                  }
                }
              }
            });
    return names;
  }

  private InspectVolumeResponse inspect(String name) {
    try {
      return DockerCalls.run("volume " + name, () -> docker.get().inspectVolumeCmd(name).exec());
    } catch (ApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    } catch (NotFoundException e) {
      return null;
    }
  }

  private void create(String name) {
    DockerCalls.run(
        "volume " + name,
        () ->
            docker
                .get()
                .createVolumeCmd()
                .withName(name)
                .withLabels(Map.of(VolumeService.CREATED_BY_LABEL, VolumeService.CREATED_BY_VALUE))
                .exec());
  }
}
