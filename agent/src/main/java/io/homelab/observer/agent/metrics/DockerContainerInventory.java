package io.homelab.observer.agent.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.agent.docker.EngineApi;
import io.homelab.observer.exporter.container.ContainerInfo;
import io.homelab.observer.exporter.container.ContainerInventory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ContainerInventory} on raw Engine API reads: one {@code GET /containers/json?all=1} per
 * scrape, plus {@code GET /containers/{id}/json} per container for restart count, health, start
 * time and PID, cached while the container's list entry does not change (so a steady host costs one
 * Docker call per scrape).
 *
 * <p>Raw JSON trees rather than docker-java commands: only the handful of fields below are read,
 * and scraping then loads none of docker-java's command, model and deserializer classes (~3 MiB of
 * class metadata on a host with running containers; docs/benchmarks.md).
 */
public final class DockerContainerInventory implements ContainerInventory {

  /** Inspect results are trusted this long even when the list entry looks unchanged. */
  static final Duration INSPECT_TTL = Duration.ofSeconds(30);

  private record Cached(String key, Instant at, ContainerInfo info) {}

  private final EngineApi engine;
  private final Duration deadline;
  private final Map<String, Cached> inspected = new ConcurrentHashMap<>();

  public DockerContainerInventory(EngineApi engine, Duration deadline) {
    this.engine = engine;
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
      Throwable cause =
          e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
      throw new IOException("Docker is unreachable: " + cause.getMessage(), cause);
    }
  }

  private List<ContainerInfo> listNow() {
    JsonNode list = read("/containers/json?all=1");
    if (list == null || !list.isArray()) {
      throw new IllegalStateException("Docker answered the container list with no array");
    }
    List<ContainerInfo> out = new ArrayList<>(list.size());
    Set<String> ids = new HashSet<>();
    Instant now = Instant.now();
    for (JsonNode c : list) {
      String id = text(c, "Id");
      if (id == null || id.isEmpty()) {
        continue;
      }
      ids.add(id);
      String state = text(c, "State");
      // State and the health part of Status ("Up 5 minutes (healthy)") change on every start, stop
      // and health transition; the "Up N seconds" part changes every second and is left out.
      String key = state + "|" + healthOf(text(c, "Status"));
      Cached cached = inspected.get(id);
      if (cached != null
          && cached.key().equals(key)
          && cached.at().plus(INSPECT_TTL).isAfter(now)) {
        out.add(cached.info());
        continue;
      }
      JsonNode inspect = read("/containers/" + id + "/json");
      if (inspect == null) {
        continue; // removed between list and inspect
      }
      ContainerInfo info = fromInspect(id, state, c, inspect);
      inspected.put(id, new Cached(key, now, info));
      out.add(info);
    }
    inspected.keySet().retainAll(ids);
    return out;
  }

  private JsonNode read(String path) {
    try {
      return engine.readOrNull(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String healthOf(String status) {
    if (status == null) {
      return "";
    }
    int open = status.lastIndexOf('(');
    return open < 0 ? "" : status.substring(open);
  }

  private static ContainerInfo fromInspect(String id, String state, JsonNode c, JsonNode r) {
    JsonNode s = r.path("State");
    JsonNode names = c.path("Names");
    String name = names.isArray() && !names.isEmpty() ? names.get(0).asText() : text(r, "Name");
    return new ContainerInfo(
        id,
        name,
        text(c, "Image"),
        state,
        r.path("RestartCount").asInt(0),
        s.path("Health").path("Status").asText(""),
        parseTime(text(s, "StartedAt")),
        s.path("Pid").asLong(0));
  }

  /** The field as text, or null when absent or JSON null. */
  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
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
