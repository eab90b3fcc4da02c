package io.homelab.observer.agent.metrics;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.homelab.observer.exporter.container.ContainerInfo;
import io.homelab.observer.exporter.container.ContainerInventory;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ContainerInventory} on docker-java: one {@code GET /containers/json?all=1} per scrape,
 * plus an inspect per container for restart count, health, start time and PID, cached while the
 * container's list entry does not change (so a steady host costs one Docker call per scrape).
 */
public final class DockerContainerInventory implements ContainerInventory {

  /** Inspect results are trusted this long even when the list entry looks unchanged. */
  static final Duration INSPECT_TTL = Duration.ofSeconds(30);

  private record Cached(String key, Instant at, ContainerInfo info) {}

  private final DockerClient docker;
  private final Duration deadline;
  private final Map<String, Cached> inspected = new ConcurrentHashMap<>();

  public DockerContainerInventory(DockerClient docker, Duration deadline) {
    this.docker = docker;
    this.deadline = deadline;
  }

  @Override
  public List<ContainerInfo> containers() throws IOException {
    // The shared client's response time-out is long (image pulls); a scrape must not wait on it.
    CompletableFuture<List<ContainerInfo>> call = CompletableFuture.supplyAsync(this::listNow);
    try {
      return call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new IOException("Docker did not answer within " + deadline.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while listing containers", e);
    } catch (ExecutionException e) {
      throw new IOException("Docker is unreachable: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private List<ContainerInfo> listNow() {
    List<Container> list = docker.listContainersCmd().withShowAll(true).exec();
    List<ContainerInfo> out = new ArrayList<>(list.size());
    Instant now = Instant.now();
    for (Container c : list) {
      // State and the health part of Status ("Up 5 minutes (healthy)") change on every start, stop
      // and health transition; the "Up N seconds" part changes every second and is left out.
      String key = c.getState() + "|" + healthOf(c.getStatus());
      Cached cached = inspected.get(c.getId());
      if (cached != null
          && cached.key().equals(key)
          && cached.at().plus(INSPECT_TTL).isAfter(now)) {
        out.add(cached.info());
        continue;
      }
      ContainerInfo info;
      try {
        info = fromInspect(c, docker.inspectContainerCmd(c.getId()).exec());
      } catch (com.github.dockerjava.api.exception.NotFoundException e) {
        continue; // removed between list and inspect
      }
      inspected.put(c.getId(), new Cached(key, now, info));
      out.add(info);
    }
    inspected.keySet().retainAll(list.stream().map(Container::getId).toList());
    return out;
  }

  private static String healthOf(String status) {
    if (status == null) {
      return "";
    }
    int open = status.lastIndexOf('(');
    return open < 0 ? "" : status.substring(open);
  }

  private static ContainerInfo fromInspect(Container c, InspectContainerResponse r) {
    var state = r.getState();
    String health = "";
    if (state != null && state.getHealth() != null && state.getHealth().getStatus() != null) {
      health = state.getHealth().getStatus();
    }
    String name = c.getNames() != null && c.getNames().length > 0 ? c.getNames()[0] : r.getName();
    Long pid = state == null ? null : state.getPidLong();
    return new ContainerInfo(
        c.getId(),
        name,
        c.getImage(),
        c.getState(),
        r.getRestartCount() == null ? 0 : r.getRestartCount(),
        health,
        parseTime(state == null ? null : state.getStartedAt()),
        pid == null ? 0 : pid);
  }

  // Docker reports "0001-01-01T00:00:00Z" for never-started containers.
  private static Instant parseTime(String s) {
    if (s == null || s.isEmpty() || s.startsWith("0001-")) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
