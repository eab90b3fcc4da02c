package io.homelab.observer.exporter.container;

import java.time.Instant;

/**
 * What the container collector needs to know about one container, from the Docker API.
 *
 * @param id full container id
 * @param name name without the leading slash, as cAdvisor's {@code name} label
 * @param image image reference the container was created from
 * @param state Docker state: created, running, paused, restarting, removing, exited or dead
 * @param restartCount times Docker restarted it (restart policy)
 * @param health healthy, unhealthy or starting; empty when the image has no health check
 * @param startedAt last start, or null when never started
 * @param pid host PID of the init process, 0 when not running
 */
public record ContainerInfo(
    String id,
    String name,
    String image,
    String state,
    int restartCount,
    String health,
    Instant startedAt,
    long pid) {

  public ContainerInfo {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("Missing required field: id.");
    }
    name = name == null ? "" : (name.startsWith("/") ? name.substring(1) : name);
    image = image == null ? "" : image;
    state = state == null ? "" : state;
    health = health == null ? "" : health;
  }
}
