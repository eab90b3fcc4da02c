package io.homelab.observer.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.image.ImageService;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.DeployRequest;
import io.homelab.observer.common.wire.DeployResult;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates and starts a container after {@link DeployPolicy} accepted it; a failed start leaves
 * nothing.
 */
// Application-scoped (a lazy client proxy) rather than a singleton: the containers resource injects
// this service, and building it eagerly would build docker-java's client (~5 MiB resident) on the
// first container list, which needs none of it.
@ApplicationScoped
public class DeployService {

  /** Label put on every container this agent deploys, with the deploying key's fingerprint. */
  public static final String DEPLOYED_BY = "io.homelab.observer.deployed-by";

  private final DockerClient docker;
  private final DeployPolicy policy;
  private final ImageService images;

  private final NetworkModeCheck networks;
  private final VolumeAccess volumes;

  public DeployService(
      DockerClient docker,
      DeployPolicy policy,
      ImageService images,
      NetworkModeCheck networks,
      VolumeAccess volumes) {
    this.networks = networks;
    this.volumes = volumes;
    this.docker = docker;
    this.policy = policy;
    this.images = images;
  }

  public DeployResult deploy(DeployRequest request, String callerFingerprint) {
    DeploySpec spec = policy.check(request);
    DeployRequest r = spec.request();
    // Decided before anything is pulled or created; the checked value is the one applied.
    String networkMode = networks.check(r.networkMode());
    volumes.check(spec.mounts());
    if (Boolean.TRUE.equals(r.pull())) {
      images.pull(r.image());
    } else if (!images.exists(r.image())) {
      // Docker's own "pull if missing" behaviour of docker run.
      images.pull(r.image());
    }
    HostConfig host = HostConfig.newHostConfig().withPrivileged(false);
    Ports bindings = new Ports();
    List<ExposedPort> exposed = new ArrayList<>();
    for (DeploySpec.PortBinding p : spec.ports()) {
      ExposedPort ep = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
      exposed.add(ep);
      if (p.hostPort() != null) {
        Ports.Binding binding;
        if (p.hostPort() == 0) {
          binding = p.hostIp() == null ? Ports.Binding.empty() : Ports.Binding.bindIp(p.hostIp());
        } else {
          binding =
              p.hostIp() == null
                  ? Ports.Binding.bindPort(p.hostPort())
                  : Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort());
        }
        bindings.bind(ep, binding);
      }
    }
    host.withPortBindings(bindings);
    List<Bind> binds = new ArrayList<>();
    for (DeploySpec.VolumeMount m : spec.mounts()) {
      binds.add(
          new Bind(
              m.source(),
              new Volume(m.destination()),
              m.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    host.withBinds(binds);
    if (r.restartPolicy() != null && !r.restartPolicy().isBlank()) {
      host.withRestartPolicy(RestartPolicy.parse(r.restartPolicy()));
    }
    if (networkMode != null) {
      host.withNetworkMode(networkMode);
    }
    if (!spec.capAdd().isEmpty()) {
      host.withCapAdd(spec.capAdd().stream().map(Capability::valueOf).toArray(Capability[]::new));
    }
    Map<String, String> labels = new HashMap<>(r.labels() == null ? Map.of() : r.labels());
    labels.put(DEPLOYED_BY, callerFingerprint == null ? "unknown" : callerFingerprint);
    CreateContainerCmd create =
        docker
            .createContainerCmd(r.image())
            .withHostConfig(host)
            .withLabels(labels)
            .withExposedPorts(exposed);
    if (r.name() != null) {
      create.withName(r.name());
    }
    if (r.command() != null && !r.command().isEmpty()) {
      create.withCmd(r.command());
    }
    if (r.env() != null) {
      create.withEnv(
          r.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
    var created = DockerCalls.run("image " + r.image(), create::exec);
    String id = created.getId();
    try {
      DockerCalls.run(
          "container " + id,
          () -> {
            docker.startContainerCmd(id).exec();
            return null;
          });
    } catch (ApiException e) {
      // Leave no half-deployed container behind (e.g. a host port already taken).
      try {
        docker.removeContainerCmd(id).withForce(true).exec();
      } catch (NotFoundException gone) {
        Log.debugf("container %s already gone", id);
      } catch (RuntimeException cleanup) {
        Log.warnf("could not remove failed deploy %s: %s", id, cleanup.getMessage());
      }
      throw e;
    }
    String state =
        DockerCalls.run(
            "container " + id, () -> docker.inspectContainerCmd(id).exec().getState().getStatus());
    List<String> warnings =
        created.getWarnings() == null ? List.of() : Arrays.asList(created.getWarnings());
    return new DeployResult(id, r.name(), state, warnings);
  }
}
