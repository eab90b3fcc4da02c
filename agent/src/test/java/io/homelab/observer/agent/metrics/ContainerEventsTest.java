package io.homelab.observer.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.transport.DockerHttpClient;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.docker.DockerClientProducer;
import io.homelab.observer.agent.docker.EngineApi;
import io.homelab.observer.agent.docker.SocketProxy;
import io.homelab.observer.exporter.container.ContainerInfo;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event-driven container inventory on the shared dockerd: changes show up in the next scrapes
 * after their event, a steady host is not listed again, and a broken stream means listing on every
 * scrape until it reconnects. Other suites use the same dockerd, so assertions about "no list" only
 * count windows in which no event at all arrived.
 */
@QuarkusTest
class ContainerEventsTest {

  static final String DOCKER = "unix:///var/run/docker.sock";
  static final String LIST = "/containers/json";

  @Inject DockerClient docker;
  @Inject ObjectMapper json;

  private final List<String> ownContainers = new ArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final AtomicInteger lists = new AtomicInteger();

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    for (String id : ownContainers) {
      try {
        docker.removeContainerCmd(id).withForce(true).exec();
      } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
        // The test removed it itself.
      }
    }
  }

  @Test
  void everyKindOfChangeIsSeenByTheScrapesAfterItsEvent() throws Exception {
    ContainerEvents events = events(DOCKER);
    DockerContainerInventory inventory = inventory(events);
    inventory.containers();
    awaitConnected(events);

    String name = "events-test-" + UUID.randomUUID().toString().substring(0, 8);
    String id = createWithHealthCheck(name);
    ContainerInfo created = await(inventory, name, c -> c.state().equals("created"));
    assertThat(created.id()).isEqualTo(id);
    assertThat(created.image()).isEqualTo(TestEnv.dockerImage());

    docker.startContainerCmd(id).exec();
    ContainerInfo running = await(inventory, name, c -> c.state().equals("running"));
    assertThat(running.pid()).isPositive();
    assertThat(running.startedAt()).isNotNull();
    await(inventory, name, c -> c.health().equals("healthy"));

    // The health check fails from now on: one failed probe (retries 1) makes it unhealthy.
    exec(id, "busybox", "rm", "/healthy");
    await(inventory, name, c -> c.health().equals("unhealthy"));

    docker.pauseContainerCmd(id).exec();
    await(inventory, name, c -> c.state().equals("paused"));
    docker.unpauseContainerCmd(id).exec();
    await(inventory, name, c -> c.state().equals("running"));

    // A restart keeps the list entry as it was ("running"); its events bring the new start.
    ContainerInfo before = find(inventory.containers(), name).orElseThrow();
    docker.restartContainerCmd(id).withTimeout(0).exec();
    ContainerInfo restarted =
        await(
            inventory,
            name,
            c -> c.state().equals("running") && c.startedAt().isAfter(before.startedAt()));
    assertThat(restarted.pid()).isNotEqualTo(before.pid());

    String renamed = name + "-renamed";
    docker.renameContainerCmd(id).withName(renamed).exec();
    await(inventory, renamed, c -> c.id().equals(id));
    assertThat(find(inventory.containers(), name)).isEmpty();

    docker.killContainerCmd(id).exec();
    await(inventory, renamed, c -> c.state().equals("exited") && c.pid() == 0);

    docker.removeContainerCmd(id).withForce(true).exec();
    awaitGone(inventory, renamed);
  }

  @Test
  void aSteadyHostIsNotListedAgainAndHealthCheckExecsDoNotCount() throws Exception {
    // Its health check probes every second: exec_create/exec_start/exec_die events all along.
    String name = "events-test-" + UUID.randomUUID().toString().substring(0, 8);
    String id = createWithHealthCheck(name);
    docker.startContainerCmd(id).exec();
    ContainerEvents events = events(DOCKER);
    DockerContainerInventory inventory = inventory(events);
    inventory.containers();
    awaitConnected(events);
    await(inventory, name, c -> c.health().equals("healthy"));

    // 25 scrapes over ~1.3 s (a probe and a manual exec among them) in a window with no event
    // that passes the filter at all. The shared dockerd may be busy: try a few windows.
    for (int attempt = 0; attempt < 60; attempt++) {
      long generation = events.generation();
      List<ContainerInfo> first = inventory.containers(); // lists if an event came just now
      int listsBefore = lists.get();
      exec(id, "sh", "-c", "true");
      List<ContainerInfo> last = first;
      for (int i = 0; i < 25; i++) {
        Thread.sleep(50);
        last = inventory.containers();
      }
      if (events.generation() == generation) {
        assertThat(lists.get()).as("Docker lists during a steady window").isEqualTo(listsBefore);
        assertThat(last).isSameAs(first);
        return;
      }
    }
    throw new AssertionError(
        "no 1.3 s window without container events on this dockerd in 60 tries (a health-check exec"
            + " passing the event filter would cause exactly this)");
  }

  @Test
  void theSafetyResyncListsAgainWithoutEvents() throws Exception {
    ContainerEvents events = events(DOCKER);
    DockerContainerInventory inventory = inventory(events, Duration.ofMillis(300));
    inventory.containers();
    awaitConnected(events);
    for (int attempt = 0; attempt < 30; attempt++) {
      long generation = events.generation();
      inventory.containers();
      int before = lists.get();
      Thread.sleep(400);
      inventory.containers();
      if (events.generation() == generation) {
        assertThat(lists.get() - before).as("lists after the resync interval").isEqualTo(1);
        return;
      }
    }
    throw new AssertionError("no 0.4 s window without container events in 30 tries");
  }

  @Test
  void theFilterLetsHealthTransitionsThroughButNotHealthCheckExecs() throws Exception {
    try (EventTap filtered = new EventTap(ContainerEvents.FILTERS);
        EventTap unfiltered = new EventTap("{\"type\":[\"container\"]}")) {
      String name = "events-test-" + UUID.randomUUID().toString().substring(0, 8);
      String id = createWithHealthCheck(name);
      docker.startContainerCmd(id).exec();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!"healthy"
              .equals(docker.inspectContainerCmd(id).exec().getState().getHealth().getStatus())
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      exec(id, "sh", "-c", "true");
      // A rename passes the filter and comes after every exec so far: the streams are read up to
      // it.
      docker.renameContainerCmd(id).withName(name + "-marker").exec();

      assertThat(unfiltered.actionsUpTo(id, "rename"))
          .as("unfiltered, the probes' and the manual execs are there")
          .anyMatch(a -> a.startsWith("exec_"));
      assertThat(filtered.actionsUpTo(id, "rename"))
          .contains("create", "start", "health_status: healthy")
          .noneMatch(a -> a.startsWith("exec_"));
    }
  }

  @Test
  void aBrokenStreamMeansListingOnEveryScrapeUntilItReconnects() throws Exception {
    Path socket = Path.of("/tmp/events-test-" + ProcessHandle.current().pid() + ".sock");
    SocketProxy proxy = new SocketProxy(socket, Path.of("/var/run/docker.sock"));
    proxy.start();
    toClose.add(proxy);
    // Lists go straight to dockerd; only the event stream goes through the proxy.
    ContainerEvents events = events("unix://" + socket);
    DockerContainerInventory inventory = inventory(events);
    inventory.containers();
    awaitConnected(events);
    awaitServedWithoutListing(inventory);

    proxy.stop();
    awaitGeneration(events, g -> g == ContainerEvents.NOT_CONNECTED);
    int before = lists.get();
    for (int i = 0; i < 5; i++) {
      inventory.containers();
    }
    assertThat(lists.get() - before).as("one list per scrape without a stream").isEqualTo(5);

    proxy.start();
    awaitConnected(events);
    awaitServedWithoutListing(inventory);

    inventory.close();
    awaitGeneration(events, g -> g == ContainerEvents.NOT_CONNECTED);
  }

  // --- helpers ---

  private static AgentConfig.Docker timeouts() {
    return new DockerTimeouts(
        Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  private ContainerEvents events(String dockerHost) {
    ContainerEvents events =
        new ContainerEvents(
            () -> DockerClientProducer.streamingHttpClient(dockerHost, timeouts()),
            json,
            Duration.ofMillis(100),
            Duration.ofMillis(500));
    toClose.add(events);
    return events;
  }

  private DockerContainerInventory inventory(ContainerEvents events) {
    return inventory(events, DockerContainerInventory.RESYNC);
  }

  /** The inventory on the real dockerd, counting its container lists. */
  private DockerContainerInventory inventory(ContainerEvents events, Duration resync) {
    DockerHttpClient http = DockerClientProducer.httpClient(DOCKER, timeouts());
    toClose.add(http);
    EngineApi counting =
        new EngineApi(http, json) {
          @Override
          public JsonNode readOrNull(String path) throws IOException {
            if (path.startsWith(LIST)) {
              lists.incrementAndGet();
            }
            return super.readOrNull(path);
          }
        };
    return new DockerContainerInventory(counting, events, Duration.ofSeconds(5), resync);
  }

  private String createWithHealthCheck(String name) {
    String id =
        docker
            .createContainerCmd(TestEnv.dockerImage())
            .withName(name)
            .withLabels(Map.of("homelab.test", "events"))
            .withCmd("sh", "-c", ": > /healthy; exec sleep 600")
            .withHealthcheck(
                new HealthCheck()
                    .withTest(List.of("CMD-SHELL", "test -f /healthy"))
                    .withInterval(Duration.ofSeconds(1).toNanos())
                    .withTimeout(Duration.ofSeconds(5).toNanos())
                    .withRetries(1))
            .exec()
            .getId();
    ownContainers.add(id);
    return id;
  }

  private void exec(String id, String... cmd) throws InterruptedException {
    String exec = docker.execCreateCmd(id).withCmd(cmd).exec().getId();
    docker.execStartCmd(exec).start().awaitCompletion();
  }

  private static Optional<ContainerInfo> find(List<ContainerInfo> all, String name) {
    return all.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Scrapes until the named container matches; event delivery is asynchronous. */
  private static ContainerInfo await(
      DockerContainerInventory inventory, String name, Predicate<ContainerInfo> condition)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Optional<ContainerInfo> seen = Optional.empty();
    while (System.nanoTime() < deadline) {
      seen = find(inventory.containers(), name);
      if (seen.isPresent() && condition.test(seen.get())) {
        return seen.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("container " + name + " never matched; last seen: " + seen);
  }

  private static void awaitGone(DockerContainerInventory inventory, String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (find(inventory.containers(), name).isEmpty()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("container " + name + " still listed after its removal");
  }

  private static void awaitConnected(ContainerEvents events) throws InterruptedException {
    awaitGeneration(events, g -> g != ContainerEvents.NOT_CONNECTED);
  }

  private static void awaitGeneration(ContainerEvents events, Predicate<Long> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.test(events.generation())) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("event watcher generation stayed at " + events.generation());
  }

  /** Scrapes until one is answered without a Docker list (bounded: the dockerd is shared). */
  private void awaitServedWithoutListing(DockerContainerInventory inventory) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      inventory.containers();
      int before = lists.get();
      inventory.containers();
      if (lists.get() == before) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("every scrape listed for 20 s with the event stream connected");
  }

  /** A live event stream with {@code filters}, read on its own thread, as the watcher reads it. */
  private final class EventTap implements AutoCloseable {
    private final DockerHttpClient http =
        DockerClientProducer.streamingHttpClient(DOCKER, timeouts());
    private final DockerHttpClient.Response res;
    private final List<JsonNode> seen = new CopyOnWriteArrayList<>();

    EventTap(String filters) {
      String path = ContainerEvents.eventsPath(filters, Instant.now()); // as the watcher
      res =
          http.execute(
              DockerHttpClient.Request.builder()
                  .method(DockerHttpClient.Request.Method.GET)
                  .path(path)
                  .build());
      assertThat(res.getStatusCode()).isEqualTo(200);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(res.getBody(), StandardCharsets.UTF_8))) {
                  for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                    seen.add(json.readTree(l));
                  }
                } catch (IOException | RuntimeException closed) {
                  // close()
                }
              },
              "events-test-tap");
      reader.setDaemon(true);
      reader.start();
    }

    /** The container's actions, once {@code last} arrived (bounded wait). */
    List<String> actionsUpTo(String id, String last) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        List<String> actions = new ArrayList<>();
        for (JsonNode e : seen) {
          if (id.equals(e.path("Actor").path("ID").asText())) {
            actions.add(e.path("Action").asText());
          }
        }
        if (actions.contains(last)) {
          return actions;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no " + last + " event for " + id + " within 20 s");
    }

    @Override
    public void close() throws IOException {
      res.close();
      http.close();
    }
  }
}
