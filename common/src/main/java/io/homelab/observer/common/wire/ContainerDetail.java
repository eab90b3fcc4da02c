package io.homelab.observer.common.wire;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/containers/{id}}: the useful part of {@code docker inspect}.
 *
 * @param env environment as {@code K=V} strings (only ever sent over the agent's TLS link)
 * @param networks network name to IP address
 */
public record ContainerDetail(
    String id,
    String name,
    String image,
    String imageId,
    Instant created,
    State state,
    List<String> command,
    List<String> env,
    Map<String, String> labels,
    List<PortMapping> ports,
    List<MountPoint> mounts,
    Map<String, String> networks,
    String restartPolicy,
    int restartCount,
    boolean privileged,
    String networkMode) {

  /** Run state; times null when never started/finished. */
  public record State(
      String status,
      boolean running,
      boolean paused,
      boolean restarting,
      Long exitCode,
      Instant startedAt,
      Instant finishedAt,
      String health,
      String error) {}

  /** A volume or bind mount. */
  public record MountPoint(
      String type, String name, String source, String destination, boolean readOnly) {}
}
