package io.homelab.observer.agent.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import io.homelab.observer.agent.docker.EngineApi;
import io.homelab.observer.common.runtime.DaemonThreads;
import io.quarkus.logging.Log;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Docker's event stream ({@code GET /events}) reduced to a generation number that changes whenever
 * the container list may have changed, so that {@link DockerContainerInventory} lists only then.
 *
 * <p>One daemon thread, started by the first {@link #start()}, holds the stream open. Every event
 * that passes {@link #FILTERS} bumps the generation (and, for a container event, records the
 * container's last change), and so do every connect and disconnect. While no stream is open, {@link
 * #generation()} is {@link #NOT_CONNECTED} and every scrape lists; the thread reconnects with a
 * doubling back-off. Nothing is logged per event.
 */
final class ContainerEvents implements AutoCloseable {

  /** {@link #generation()} while no stream is open: no snapshot is valid then. */
  static final long NOT_CONNECTED = -1;

  /**
   * The events that change what the inventory reads: a container's list entry or inspect fields
   * (create, destroy, die, start, pause, unpause, rename, health), or its list {@code Image}, which
   * shows the image id instead of the name once the name points elsewhere (tag, untag, delete,
   * pull, load, import). A restart is die + start; kill, oom and stop come with a die. Docker
   * matches actions exactly, except that {@code health_status} in the list makes it match every
   * value as a prefix (moby daemon/events/filter.go, moby#25798), so it matches {@code
   * health_status: healthy}. None of these is a prefix of the {@code exec_*} events that every
   * health-check probe causes, which must not invalidate anything.
   */
  static final String FILTERS =
      "{\"type\":[\"container\",\"image\"],\"event\":[\"create\",\"destroy\",\"die\",\"start\","
          + "\"pause\",\"unpause\",\"rename\",\"health_status\",\"tag\",\"untag\",\"delete\","
          + "\"pull\",\"load\",\"import\"]}";

  static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Supplier<DockerHttpClient> clientFactory;
  private final ObjectMapper json;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  // Written by the watcher thread only; read by scrapes.
  private volatile long changes;
  private volatile boolean connected;
  private volatile long watchedSince = Long.MAX_VALUE;
  private final Map<String, Long> changedAt = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private volatile Thread thread;
  private volatile DockerHttpClient client;
  private volatile DockerHttpClient.Response stream;
  // Watcher thread only: whether the last attempt failed (logged once at WARN), and the back-off.
  private boolean failing;
  private long backoffMillis;

  /**
   * {@code clientFactory} is called once, on the watcher thread, and should give a client without
   * read time-out: the stream is silent for as long as nothing changes on the host.
   */
  ContainerEvents(Supplier<DockerHttpClient> clientFactory, ObjectMapper json) {
    this(clientFactory, json, MIN_BACKOFF, MAX_BACKOFF);
  }

  ContainerEvents(
      Supplier<DockerHttpClient> clientFactory,
      ObjectMapper json,
      Duration minBackoff,
      Duration maxBackoff) {
    this.clientFactory = clientFactory;
    this.json = json;
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
    this.backoffMillis = minBackoff.toMillis();
  }

  /** Starts the watcher thread once; later calls (every scrape) return at once. */
  void start() {
    if (thread != null) {
      return;
    }
    synchronized (this) {
      if (thread != null || closed) {
        return;
      }
      Thread t = DaemonThreads.thread(this::run, "docker-events");
      thread = t;
      t.start();
    }
  }

  /**
   * The current generation, or {@link #NOT_CONNECTED}. Read it before listing: the list stays valid
   * while later calls return the same value.
   */
  long generation() {
    // connect: changes++ then connected = true; disconnect: connected = false then changes++.
    return connected ? changes : NOT_CONNECTED;
  }

  /**
   * The generation from which on every event has been seen: that of the open stream's connect
   * ({@link Long#MAX_VALUE} while none is open). An inspect made at or after it, with no event for
   * its container since, is still exact.
   */
  long watchedSince() {
    return watchedSince;
  }

  /** The generation of the last event naming this container; {@link Long#MIN_VALUE} if none. */
  long changedAt(String containerId) {
    return changedAt.getOrDefault(containerId, Long.MIN_VALUE);
  }

  /** Stops the watcher: closing the response aborts the blocked read. */
  @Override
  public void close() {
    closed = true;
    DockerHttpClient.Response s = stream;
    if (s != null) {
      s.close();
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt(); // wakes a back-off sleep
    }
    closeClient(); // also ends a request whose headers never came
  }

  private void closeClient() {
    DockerHttpClient c = client;
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        Log.debugf("closing the Docker event client: %s", e.getMessage());
      }
    }
  }

  private void run() {
    try {
      watch();
    } finally {
      closeClient();
    }
  }

  private void watch() {
    while (!closed) {
      String why = "Docker ended the stream";
      boolean opened;
      try {
        follow();
      } catch (IOException | RuntimeException e) {
        why = e.getCause() instanceof IOException io ? io.toString() : e.toString();
      } finally {
        opened = connected;
        connected = false;
        watchedSince = Long.MAX_VALUE;
        changes++;
        stream = null;
      }
      if (closed) {
        return;
      }
      if (opened) {
        // An open stream that ends (dockerd restarting, an idle time-out on the way to a remote
        // daemon) is no failure: reconnect after the shortest pause; until then scrapes list.
        Log.debugf("Docker event stream ended: %s; reconnecting", why);
        backoffMillis = minBackoff.toMillis();
      } else if (!failing) {
        failing = true;
        Log.warnf(
            "Docker event stream: %s; listing containers on every scrape until it reconnects", why);
      } else {
        Log.debugf("Docker event stream failed again: %s", why);
      }
      try {
        Thread.sleep(backoffMillis);
      } catch (InterruptedException e) {
        return; // close()
      }
      if (!opened) {
        backoffMillis = Math.min(backoffMillis * 2, maxBackoff.toMillis());
      }
    }
  }

  /**
   * {@code GET /events} with these filters, from a second before {@code now}: Docker sends the
   * headers before it subscribes, and "since" replays what happens in between (from 1 s early, for
   * a remote daemon's clock skew; a replayed event only costs one list).
   */
  static String eventsPath(String filters, Instant now) {
    Instant since = now.minusSeconds(1);
    return String.format(
        "/events?since=%d.%09d&filters=%s",
        since.getEpochSecond(),
        since.getNano(),
        URLEncoder.encode(filters, StandardCharsets.UTF_8));
  }

  /** Opens the stream and counts its events until it ends; throws when it cannot be opened. */
  private void follow() throws IOException {
    if (client == null) {
      client = clientFactory.get();
    }
    String path = eventsPath(FILTERS, Instant.now());
    try (DockerHttpClient.Response res = EngineApi.open(client, path)) {
      if (res.getStatusCode() != 200) {
        throw new IOException("Docker answered " + res.getStatusCode() + " to GET /events");
      }
      stream = res;
      if (closed) {
        return;
      }
      watchedSince = changes + 1;
      changes++;
      connected = true;
      if (failing) {
        failing = false;
        Log.info("Docker event stream connected again; the container list follows its events");
      } else {
        Log.debug("Docker event stream connected");
      }
      // One JSON object per line (Go's json.Encoder).
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(res.getBody(), StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          changed(line);
        }
      }
    }
  }

  /** Records an event; the container's change first, so no scrape sees the new generation alone. */
  private void changed(String event) {
    long next = changes + 1;
    try {
      JsonNode e = json.readTree(event);
      String id = e.path("Actor").path("ID").asText("");
      if ("container".equals(e.path("Type").asText()) && !id.isEmpty()) {
        if ("destroy".equals(e.path("Action").asText())) {
          changedAt.remove(id);
        } else {
          changedAt.put(id, next);
        }
      }
    } catch (IOException e) {
      // Not JSON, so no telling which container: distrust every inspect made so far.
      watchedSince = next;
      Log.debugf("unreadable Docker event: %s", e.getMessage());
    }
    changes = next;
  }
}
