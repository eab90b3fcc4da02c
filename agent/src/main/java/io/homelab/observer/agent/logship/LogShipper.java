package io.homelab.observer.agent.logship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import io.homelab.observer.exporter.model.MetricFamily;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ships the logs of the host's containers: a {@link ContainerWatcher} decides which containers are
 * followed, one {@link LogFollower} per container reads, the {@link Batcher} writes batches to the
 * {@link BatchStore} on disk, and the {@link BatchSender} posts them. Plain Java (no CDI), so tests
 * can stop and start it on one data dir like an agent restart.
 */
public final class LogShipper implements AutoCloseable {

  /** Path of the ingest API under the tracking server's base URL. */
  public static final String LOGS_PATH = "/api/2.0/homelab/logs";

  /** Everything the shipper needs from the configuration. */
  public record Settings(
      URI baseUrl,
      String token,
      String host,
      String agentId,
      boolean optIn,
      int batchSize,
      long batchBytes,
      Duration flushInterval,
      long bufferMaxBytes,
      Duration requestTimeout,
      Duration maxBackoff,
      Path dir,
      List<String> scope) {

    public Settings {
      scope = List.copyOf(scope);
    }
  }

  /** Docker reads with a bounded time-out: JSON, or null on 404. */
  @FunctionalInterface
  public interface DockerReads {
    JsonNode get(String path) throws IOException;
  }

  private final Settings settings;
  private final DockerReads docker;
  private final DockerHttpClient streaming;
  private final ShipCounters counters = new ShipCounters();
  private final Map<String, LogFollower> followers = new HashMap<>();
  // Where each container was last read to in this process: a follower made again after a stop
  // starts from here, not from the cursor on disk, which trails by the batch being gathered.
  private final Map<String, Cursor> readTo = new HashMap<>();
  private final BatchStore store;
  private final BatchSender sender;
  private final Batcher batcher;
  private final ContainerWatcher watcher;
  private volatile boolean closed;

  /**
   * Opens the buffer in {@code settings.dir()}; nothing runs before {@link #start()}. {@code
   * streaming} is a Docker client without read time-out (follows stay silent while nothing is
   * logged); the shipper closes it.
   */
  public LogShipper(
      Settings settings, DockerReads docker, DockerHttpClient streaming, ObjectMapper json)
      throws IOException {
    this.settings = settings;
    this.docker = docker;
    this.streaming = streaming;
    Instant now = Instant.now();
    this.store =
        new BatchStore(
            settings.dir(),
            json,
            settings.bufferMaxBytes(),
            now.getEpochSecond() * 1_000_000_000L + now.getNano());
    readTo.putAll(store.cursors());
    this.sender =
        new BatchSender(
            store,
            counters,
            URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + LOGS_PATH),
            settings.token(),
            settings.requestTimeout(),
            settings.maxBackoff());
    this.batcher =
        new Batcher(
            store,
            sender,
            counters,
            settings.agentId(),
            settings.batchSize(),
            settings.batchBytes(),
            settings.flushInterval());
    this.watcher = new ContainerWatcher(this, json, settings.scope());
  }

  public void start() {
    sender.start();
    batcher.start();
    watcher.start();
    Log.infof(
        "log shipping: %s containers to %s as %s",
        settings.optIn() ? "opted-in" : "all", settings.baseUrl(), settings.host());
  }

  /**
   * Stops following, writes the lines already read to the buffer, and stops sending; what is not
   * yet accepted is sent after the next start.
   */
  @Override
  public void close() {
    closed = true;
    watcher.close();
    List<LogFollower> all;
    synchronized (this) {
      all = List.copyOf(followers.values());
      followers.clear();
    }
    all.forEach(LogFollower::close);
    for (LogFollower f : all) {
      try {
        f.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    batcher.close();
    sender.close();
    try {
      streaming.close();
    } catch (IOException e) {
      Log.debugf("closing the log shipping Docker client: %s", e.getMessage());
    }
  }

  /** The shipping metrics (see {@link ShipCounters}). */
  public List<MetricFamily> metrics() {
    return counters.collect(store::bytes, store::batches, this::followedCount);
  }

  private synchronized int followedCount() {
    return followers.size();
  }

  // --- for the watcher and followers ---

  /** A container is (or may be) running: follow it unless it is followed already or opted out. */
  void running(String id) {
    synchronized (this) {
      LogFollower f = followers.get(id);
      if (f != null) {
        f.startSeen = true;
        return;
      }
    }
    JsonNode inspect;
    try {
      inspect = docker.get("/containers/" + id + "/json");
    } catch (IOException | RuntimeException e) {
      Log.warnf("log shipping: cannot inspect container %s: %s", id, e.toString());
      return;
    }
    if (inspect == null) {
      return;
    }
    ContainerMeta meta = ContainerMeta.of(inspect);
    if (!meta.shipped(settings.optIn())) {
      Log.debugf(
          "log shipping: %s is not shipped (label %s)", meta.name(), ContainerMeta.LOGS_LABEL);
      return;
    }
    synchronized (this) {
      if (closed || followers.containsKey(id)) {
        return;
      }
      Cursor from = readTo.getOrDefault(id, new Cursor(store.floorNanos(), 0));
      LogFollower f = new LogFollower(this, meta, from);
      followers.put(id, f);
      f.start();
    }
  }

  synchronized void renamed(String id, String name) {
    LogFollower f = followers.get(id);
    if (f != null) {
      f.renamed(name);
    }
  }

  /**
   * A removed container: if nobody follows it, its cursor goes now (else when its follower ends).
   */
  void destroyed(String id) {
    synchronized (this) {
      if (followers.containsKey(id)) {
        return;
      }
      readTo.remove(id);
    }
    try {
      batcher.removed(id);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A follower's stream ended with its container stopped ({@code gone} = removed). Returns false
   * when a start came meanwhile: the follower then goes on.
   */
  boolean ended(LogFollower f, Cursor cursor, boolean gone) throws InterruptedException {
    synchronized (this) {
      if (!gone && f.startSeen) {
        return false;
      }
      if (followers.get(f.id()) == f) {
        followers.remove(f.id());
      }
      if (gone) {
        readTo.remove(f.id());
      } else {
        readTo.put(f.id(), cursor);
      }
    }
    if (gone) {
      batcher.removed(f.id());
    }
    return true;
  }

  JsonNode inspect(String id) throws IOException {
    return docker.get("/containers/" + id + "/json");
  }

  JsonNode dockerGet(String path) throws IOException {
    return docker.get(path);
  }

  DockerHttpClient streamingDocker() {
    return streaming;
  }

  Batcher batcher() {
    return batcher;
  }

  ShipCounters counters() {
    return counters;
  }

  String host() {
    return settings.host();
  }
}
