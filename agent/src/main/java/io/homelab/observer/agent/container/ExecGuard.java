package io.homelab.observer.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.error.AgentErrors;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether exec and the console may enter a container: never the agent's own container (it
 * holds the Docker socket and the agent's keys), and never a container that is itself an escape
 * hatch: privileged, in the host's PID or network namespace, or mounting the Docker socket or the
 * host's root. Used by both {@link ContainerExecService} and {@link ConsoleSocket}, before any exec
 * is created.
 */
@Singleton
public class ExecGuard {

  // Docker bind-mounts /etc/hostname etc. from /var/lib/docker/containers/<id>/ into every
  // container.
  private static final Pattern OWN_ID = Pattern.compile("/containers/([0-9a-f]{64})/");

  private final Provider<DockerClient> docker;
  private final Path hostRoot;
  private final Optional<String> ownId;

  public ExecGuard(Provider<DockerClient> docker, AgentConfig config) {
    this.docker = docker;
    this.hostRoot = config.hostRoot();
    this.ownId = ownContainerId(Path.of("/proc/self/mountinfo"));
  }

  /** The agent's own container id, when it runs in a container. */
  public Optional<String> ownContainer() {
    return ownId;
  }

  /** The id of the container this process runs in, if it runs in one. */
  static Optional<String> ownContainerId(Path mountinfo) {
    try {
      for (String line : Files.readAllLines(mountinfo)) {
        Matcher m = OWN_ID.matcher(line);
        if (m.find()) {
          return Optional.of(m.group(1));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or no /proc: then there is no own container to protect.
    }
    return Optional.empty();
  }

  /**
   * Refuses (400 REFUSED) exec into {@code id} when it is an escape hatch; 404 when it does not
   * exist.
   */
  public void check(String id) {
    InspectContainerResponse c =
        DockerCalls.run("container " + id, () -> docker.get().inspectContainerCmd(id).exec());
    if (ownId.isPresent() && ownId.get().equals(c.getId())) {
      throw AgentErrors.refused("exec into the agent's own container is refused");
    }
    HostConfig host = c.getHostConfig();
    if (host != null) {
      if (Boolean.TRUE.equals(host.getPrivileged())) {
        throw AgentErrors.refused("exec into a privileged container is refused");
      }
      if ("host".equals(host.getPidMode()) || "host".equals(host.getNetworkMode())) {
        throw AgentErrors.refused(
            "exec into a container in the host's PID or network namespace is refused");
      }
    }
    List<InspectContainerResponse.Mount> mounts = c.getMounts();
    if (mounts != null) {
      for (InspectContainerResponse.Mount m : mounts) {
        if (m.getSource() == null || m.getSource().isEmpty()) {
          continue;
        }
        String real = realPath(m.getSource());
        if (real.equals("/")
            || real.endsWith(".sock")
            || "/run/docker.sock".startsWith(real + "/")
            || "/var/run/docker.sock".startsWith(real + "/")) {
          throw AgentErrors.refused(
              "exec into a container that mounts "
                  + m.getSource()
                  + " (the host's root or the Docker socket) is refused");
        }
      }
    }
  }

  private String realPath(String source) {
    try {
      return HostPaths.realPath(hostRoot, source).toString();
    } catch (IllegalArgumentException e) {
      return source;
    }
  }
}
