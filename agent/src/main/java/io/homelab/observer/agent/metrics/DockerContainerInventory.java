package io.homelab.observer.agent.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.docker.EngineApi;
import io.homelab.observer.exporter.container.ContainerInfo;
import io.homelab.observer.exporter.container.ContainerInventory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
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
 * {@link ContainerInventory} on raw Engine API reads: {@code GET /containers/json?all=1}, plus
 * {@code GET /containers/{id}/json} per container for restart count, health, start time and PID.
 *
 * <p>Driven by Docker's events ({@link ContainerEvents}), as cAdvisor watches instead of polling:
 * the last list is served again until an event may have changed it, so a steady host costs no
 * Docker call per scrape. A scrape lists (with the same deadline and errors as ever) when an event
 * came since the last list started, when no event stream is open (then every scrape lists), and at
 * least every {@link #RESYNC}. Docker writes the state the list reads before it publishes the
 * event, so a list started after an event sees it.
 *
 * <p>A container is inspected again when its list entry changes or an event names it; inspects made
 * without an open stream are trusted for {@link #INSPECT_TTL} only (a restart between two lists
 * leaves the list entry as it was).
 *
 * <p>Raw JSON trees rather than docker-java commands: only the handful of fields below are read,
 * and scraping then loads none of docker-java's command, model and deserializer classes (~3 MiB of
 * class metadata on a host with running containers; docs/benchmarks.md).
 */
public final class DockerContainerInventory implements ContainerInventory, AutoCloseable {

  /** How long an inspect made without an open event stream stands for the container. */
  static final Duration INSPECT_TTL = Duration.ofSeconds(30);

  /**
   * A safety net, not the mechanism: the list is read again at least this often even without
   * events, for a change that comes with none (a removal that fails half-way leaves a "dead"
   * container without an event) or a stream still open to a daemon that no longer sends.
   */
  static final Duration RESYNC = Duration.ofMinutes(5);

  /** Inspect fields, made in a list that started at events generation {@code generation}. */
  private record Inspected(
      String key,
      long generation,
      Instant at,
      String name,
      int restartCount,
      String health,
      Instant startedAt,
      long pid) {}

  /** A list, valid while the events' generation is still the one read before it started. */
  private record Snapshot(long generation, long startedNanos, List<ContainerInfo> containers) {}

  private final EngineApi engine;
  private final ContainerEvents events;
  private final Duration deadline;
  private final Duration resync;
  private final Map<String, Inspected> inspected = new ConcurrentHashMap<>();
  private volatile Snapshot snapshot;

  DockerContainerInventory(EngineApi engine, ContainerEvents events, Duration deadline) {
    this(engine, events, deadline, RESYNC);
  }

  DockerContainerInventory(
      EngineApi engine, ContainerEvents events, Duration deadline, Duration resync) {
    this.engine = engine;
    this.events = events;
    this.deadline = deadline;
    this.resync = resync;
  }

  @Override
  public List<ContainerInfo> containers() throws IOException {
    events.start();
    // Read before the list starts, so an event during the list leaves its snapshot stale.
    long generation = events.generation();
    Snapshot last = snapshot;
    if (last != null
        && generation != ContainerEvents.NOT_CONNECTED
        && last.generation() == generation
        && System.nanoTime() - last.startedNanos() < resync.toNanos()) {
      return last.containers();
    }
    long started = System.nanoTime();
    List<ContainerInfo> listed = list(generation);
    snapshot = new Snapshot(generation, started, listed);
    return listed;
  }

  /** Stops the event watcher. */
  @Override
  public void close() {
    events.close();
  }

  private List<ContainerInfo> list(long generation) throws IOException {
    // The shared client's response time-out is long (image pulls); a scrape must not wait on it.
    // On the Docker call threads: the default async pool is a new thread per task on two cores.
    CompletableFuture<List<ContainerInfo>> call =
        CompletableFuture.supplyAsync(() -> listNow(generation), DockerCalls.executor());
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

  private List<ContainerInfo> listNow(long generation) {
    JsonNode list = read("/containers/json?all=1");
    if (list == null || !list.isArray()) {
      throw new IllegalStateException("Docker answered the container list with no array");
    }
    List<ContainerInfo> out = new ArrayList<>(list.size());
    Set<String> ids = new HashSet<>();
    Instant now = Instant.now();
    for (JsonNode c : list) {
      String id = EngineApi.text(c, "Id");
      if (id == null || id.isEmpty()) {
        continue;
      }
      ids.add(id);
      String state = EngineApi.text(c, "State");
      // State and the health part of Status ("Up 5 minutes (healthy)") change on every start, stop
      // and health transition; the "Up N seconds" part changes every second and is left out.
      String key = state + "|" + healthOf(EngineApi.text(c, "Status"));
      Inspected i = inspected.get(id);
      if (i == null || !stillValid(id, i, key, now)) {
        JsonNode inspect = read("/containers/" + id + "/json");
        if (inspect == null) {
          continue; // removed between list and inspect
        }
        i = fromInspect(key, generation, now, inspect);
        inspected.put(id, i);
      }
      // Name and image from the list: a rename or a retag changes them without a state change.
      JsonNode names = c.path("Names");
      String name = names.isArray() && !names.isEmpty() ? names.get(0).asText() : i.name();
      out.add(
          new ContainerInfo(
              id,
              name,
              EngineApi.text(c, "Image"),
              state,
              i.restartCount(),
              i.health(),
              i.startedAt(),
              i.pid()));
    }
    inspected.keySet().retainAll(ids);
    return List.copyOf(out);
  }

  /** Whether an earlier inspect still stands for the container. */
  private boolean stillValid(String id, Inspected i, String key, Instant now) {
    if (!i.key().equals(key) || events.changedAt(id) > i.generation()) {
      return false;
    }
    // Made while the current stream was open and no event named the container since: unchanged.
    // Otherwise events may have been missed (a restart keeps the list entry): trust it 30 s.
    return i.generation() >= events.watchedSince() || i.at().plus(INSPECT_TTL).isAfter(now);
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

  private static Inspected fromInspect(String key, long generation, Instant at, JsonNode r) {
    JsonNode s = r.path("State");
    return new Inspected(
        key,
        generation,
        at,
        EngineApi.text(r, "Name"),
        r.path("RestartCount").asInt(0),
        s.path("Health").path("Status").asText(""),
        EngineApi.instant(EngineApi.text(s, "StartedAt")),
        s.path("Pid").asLong(0));
  }
}
