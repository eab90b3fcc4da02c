package io.homelab.observer.agent.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Ports;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.docker.EngineApi;
import io.homelab.observer.agent.error.AgentErrors;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.ContainerAction;
import io.homelab.observer.common.wire.ContainerDetail;
import io.homelab.observer.common.wire.ContainerSummary;
import io.homelab.observer.common.wire.PortMapping;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Container reads and lifecycle actions on the local Docker engine (SPEC.md "Agent API"). */
@Singleton
public class ContainerService {

  /** Container ids and names: what Docker accepts, nothing that could alter the Engine API path. */
  static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

  /** Grace period Docker gives a container on stop/restart before SIGKILL, as the CLI default. */
  static final int STOP_TIMEOUT_SECONDS = 10;

  // docker-java's client (~170 command classes, ~5 MiB resident) is built by the first action,
  // inspect, log or exec (ContainerLogService, ContainerExecService); the container list, the
  // agent's most frequent call, reads the Engine API
  // directly and never builds it.
  private final Provider<DockerClient> dockerClient;
  private final EngineApi engine;
  private final CgroupSampler cgroups;
  private final Duration timeout;

  public ContainerService(
      Provider<DockerClient> dockerClient,
      EngineApi engine,
      CgroupSampler cgroups,
      AgentConfig config) {
    this.dockerClient = dockerClient;
    this.engine = engine;
    this.cgroups = cgroups;
    this.timeout = config.docker().responseTimeout();
  }

  private DockerClient docker() {
    return dockerClient.get();
  }

  /** The id, or 400 when it cannot be a container id or name. */
  public static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiException.badRequest(
          "bad container id or name: must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
    return id;
  }

  public List<ContainerSummary> list(boolean all) {
    JsonNode containers = engine.get("containers", "/containers/json?all=" + (all ? 1 : 0));
    if (!containers.isArray()) {
      throw AgentErrors.dockerError("Docker answered the container list with no array");
    }
    List<ContainerSummary> out = new ArrayList<>(containers.size());
    for (JsonNode c : containers) {
      String id = EngineApi.text(c, "Id");
      String state = EngineApi.text(c, "State");
      CgroupSampler.Usage usage = "running".equals(state) ? cgroups.usage(id).orElse(null) : null;
      JsonNode created = c.get("Created");
      out.add(
          new ContainerSummary(
              id,
              name(c.path("Names")),
              EngineApi.text(c, "Image"),
              EngineApi.text(c, "ImageID"),
              EngineApi.text(c, "Command"),
              state,
              EngineApi.text(c, "Status"),
              health(EngineApi.text(c, "Status")),
              created == null || created.isNull() ? null : Instant.ofEpochSecond(created.asLong()),
              ports(c.path("Ports")),
              labels(c.path("Labels")),
              usage == null ? null : usage.cpuPercent(),
              usage == null ? null : usage.memoryBytes()));
    }
    return out;
  }

  public ContainerDetail inspect(String id) {
    checkId(id);
    InspectContainerResponse r =
        DockerCalls.run("container " + id, () -> docker().inspectContainerCmd(id).exec());
    var st = r.getState();
    var cfg = r.getConfig();
    var host = r.getHostConfig();
    List<ContainerDetail.MountPoint> mounts = new ArrayList<>();
    if (r.getMounts() != null) {
      for (var m : r.getMounts()) {
        mounts.add(
            new ContainerDetail.MountPoint(
                m.getName() != null ? "volume" : "bind",
                m.getName(),
                m.getSource(),
                m.getDestination() == null ? null : m.getDestination().getPath(),
                m.getRW() != null && !m.getRW()));
      }
    }
    Map<String, String> networks = new HashMap<>();
    if (r.getNetworkSettings() != null && r.getNetworkSettings().getNetworks() != null) {
      r.getNetworkSettings().getNetworks().forEach((n, cn) -> networks.put(n, cn.getIpAddress()));
    }
    List<PortMapping> ports = new ArrayList<>();
    if (r.getNetworkSettings() != null && r.getNetworkSettings().getPorts() != null) {
      for (Map.Entry<com.github.dockerjava.api.model.ExposedPort, Ports.Binding[]> e :
          r.getNetworkSettings().getPorts().getBindings().entrySet()) {
        if (e.getValue() == null || e.getValue().length == 0) {
          ports.add(
              new PortMapping(
                  null, e.getKey().getPort(), null, e.getKey().getProtocol().toString()));
        } else {
          for (Ports.Binding b : e.getValue()) {
            ports.add(
                new PortMapping(
                    b.getHostIp(),
                    e.getKey().getPort(),
                    b.getHostPortSpec() == null ? null : Integer.valueOf(b.getHostPortSpec()),
                    e.getKey().getProtocol().toString()));
          }
        }
      }
    }
    return new ContainerDetail(
        r.getId(),
        r.getName() == null ? null : r.getName().replaceFirst("^/", ""),
        cfg == null ? null : cfg.getImage(),
        r.getImageId(),
        EngineApi.instant(r.getCreated()),
        st == null
            ? null
            : new ContainerDetail.State(
                st.getStatus(),
                Boolean.TRUE.equals(st.getRunning()),
                Boolean.TRUE.equals(st.getPaused()),
                Boolean.TRUE.equals(st.getRestarting()),
                st.getExitCodeLong(),
                EngineApi.instant(st.getStartedAt()),
                EngineApi.instant(st.getFinishedAt()),
                st.getHealth() == null ? null : st.getHealth().getStatus(),
                st.getError() == null || st.getError().isEmpty() ? null : st.getError()),
        cfg == null || cfg.getCmd() == null ? List.of() : Arrays.asList(cfg.getCmd()),
        cfg == null || cfg.getEnv() == null ? List.of() : Arrays.asList(cfg.getEnv()),
        cfg == null || cfg.getLabels() == null ? Map.of() : cfg.getLabels(),
        ports,
        mounts,
        networks,
        host == null || host.getRestartPolicy() == null ? null : host.getRestartPolicy().toString(),
        r.getRestartCount() == null ? 0 : r.getRestartCount(),
        host != null && Boolean.TRUE.equals(host.getPrivileged()),
        host == null ? null : host.getNetworkMode());
  }

  /**
   * start, stop, restart, kill, pause or unpause. Asking for the state a container already has
   * succeeds with {@code changed=false} (Docker's 304), so retries are safe.
   */
  public ContainerAction act(String id, String action) {
    checkId(id);
    String what = "container " + id;
    boolean changed =
        DockerCalls.run(
            what,
            () -> {
              try {
                switch (action) {
                  case "start" -> docker().startContainerCmd(id).exec();
                  case "stop" ->
                      docker().stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
                  case "restart" ->
                      docker().restartContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
                  case "kill" -> docker().killContainerCmd(id).exec();
                  case "pause" -> {
                    if (Boolean.TRUE.equals(
                        docker().inspectContainerCmd(id).exec().getState().getPaused())) {
                      return false;
                    }
                    docker().pauseContainerCmd(id).exec();
                  }
                  case "unpause" -> {
                    if (!Boolean.TRUE.equals(
                        docker().inspectContainerCmd(id).exec().getState().getPaused())) {
                      return false;
                    }
                    docker().unpauseContainerCmd(id).exec();
                  }
                  default ->
                      throw ApiException.badRequest(
                          "unknown action "
                              + action
                              + ": start, stop, restart, kill, pause or unpause");
                }
                return true;
              } catch (NotModifiedException e) {
                return false;
              }
            });
    String state =
        DockerCalls.run(what, () -> docker().inspectContainerCmd(id).exec().getState().getStatus());
    return new ContainerAction(id, action, changed, state);
  }

  /** Removes a container; a running one without {@code force} is Docker's 409. */
  public ContainerAction remove(String id, boolean force, boolean volumes) {
    checkId(id);
    DockerCalls.run(
        "container " + id,
        () -> {
          docker().removeContainerCmd(id).withForce(force).withRemoveVolumes(volumes).exec();
          return null;
        });
    return new ContainerAction(id, "remove", true, "removed");
  }

  static String name(JsonNode names) {
    if (!names.isArray() || names.isEmpty()) {
      return null;
    }
    return names.get(0).asText().replaceFirst("^/", "");
  }

  /**
   * Health from Docker's status text, which the list call carries without an inspect per container.
   */
  static String health(String status) {
    if (status == null) {
      return null;
    }
    if (status.contains("(healthy)")) {
      return "healthy";
    }
    if (status.contains("(unhealthy)")) {
      return "unhealthy";
    }
    if (status.contains("(health: starting)")) {
      return "starting";
    }
    return null;
  }

  static List<PortMapping> ports(JsonNode ports) {
    if (!ports.isArray()) {
      return List.of();
    }
    List<PortMapping> out = new ArrayList<>();
    for (JsonNode p : ports) {
      JsonNode published = p.get("PublicPort");
      out.add(
          new PortMapping(
              EngineApi.text(p, "IP"),
              p.path("PrivatePort").asInt(0),
              published == null || published.isNull() ? null : published.asInt(),
              EngineApi.text(p, "Type")));
    }
    return out;
  }

  private static Map<String, String> labels(JsonNode labels) {
    if (!labels.isObject()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    labels.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
