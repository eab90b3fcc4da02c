package io.homelab.observer.common.wire;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code GET /api/containers}.
 *
 * @param state Docker state: created, running, paused, restarting, removing, exited, dead
 * @param status Docker's human status ("Up 5 minutes (healthy)")
 * @param health healthy, unhealthy, starting, or null without a health check
 * @param cpuPercent CPU use over the last sampling interval, in % of one core (as {@code docker
 *     stats}); null when not running or not yet sampled
 * @param memoryBytes current memory use from the container's cgroup; null when not running
 */
public record ContainerSummary(
    String id,
    String name,
    String image,
    String imageId,
    String command,
    String state,
    String status,
    String health,
    Instant created,
    List<PortMapping> ports,
    Map<String, String> labels,
    Double cpuPercent,
    Long memoryBytes) {

  public ContainerSummary {
    ports = ports == null ? List.of() : List.copyOf(ports);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
