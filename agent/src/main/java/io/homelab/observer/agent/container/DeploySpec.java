package io.homelab.observer.agent.container;

import io.homelab.observer.common.wire.DeployRequest;
import java.util.List;

/** A deploy that passed {@link DeployPolicy}: the request plus its parsed, checked parts. */
public record DeploySpec(
    DeployRequest request, List<String> capAdd, List<VolumeMount> mounts, List<PortBinding> ports) {

  public DeploySpec {
    capAdd = List.copyOf(capAdd);
    mounts = List.copyOf(mounts);
    ports = List.copyOf(ports);
  }

  /** A named volume ({@code bind=false}) or a checked host path. */
  public record VolumeMount(String source, String destination, boolean readOnly, boolean bind) {}

  /** A container port, published on {@code hostPort} when set (0 = any free port). */
  public record PortBinding(String hostIp, Integer hostPort, int containerPort, String protocol) {}
}
