package io.homelab.observer.agent.logship;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import io.homelab.observer.agent.docker.EngineApi;
import io.homelab.observer.common.runtime.DaemonThreads;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Follows one container's log on its own thread ({@code GET /containers/{id}/logs?follow=1
 * &timestamps=1&since=<cursor>}) and hands each new line to the {@link Batcher}. When the stream
 * ends it asks Docker why: a running container (dockerd restarted, a restart already done) is
 * followed again from the cursor; a stopped one ends the follower, and its next {@code start} event
 * makes a new one; a removed one also forgets its cursor.
 */
final class LogFollower implements Runnable {

  private final LogShipper owner;
  private final String id;
  private volatile ContainerMeta meta;
  private volatile Map<String, String> stdoutLabels;
  private volatile Map<String, String> stderrLabels;
  private Cursor cursor;
  // A start event came while this follower was running: do not end on a "not running" inspect.
  volatile boolean startSeen;
  private volatile boolean closed;
  private volatile DockerHttpClient.Response stream;
  private final Thread thread;

  LogFollower(LogShipper owner, ContainerMeta meta, Cursor cursor) {
    this.owner = owner;
    this.id = meta.id();
    this.cursor = cursor;
    setMeta(meta);
    this.thread =
        DaemonThreads.thread(this, "logship-" + id.substring(0, Math.min(12, id.length())));
  }

  String id() {
    return id;
  }

  void start() {
    thread.start();
  }

  /** Lines read from now on carry the new name. */
  void renamed(String name) {
    setMeta(meta.renamed(name));
  }

  private void setMeta(ContainerMeta m) {
    meta = m;
    stdoutLabels = m.entryLabels("stdout");
    stderrLabels = m.entryLabels("stderr");
  }

  /** Stops following: aborts the open stream; waits a little for the thread to end. */
  void close() {
    closed = true;
    DockerHttpClient.Response s = stream;
    if (s != null) {
      s.close();
    }
    thread.interrupt();
  }

  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }

  @Override
  public void run() {
    long backoff = 500;
    try {
      while (!closed) {
        startSeen = false;
        long before = owner.counters().read.sum();
        try {
          followOnce();
        } catch (IOException | RuntimeException e) {
          if (closed) {
            return;
          }
          Log.debugf("log follow of %s broke: %s", meta.name(), e.toString());
        }
        if (closed) {
          return;
        }
        JsonNode state;
        try {
          state = owner.inspect(id);
        } catch (IOException | RuntimeException e) {
          // Docker itself is away: try again after a pause, from the cursor.
          Thread.sleep(backoff);
          backoff = Math.min(backoff * 2, 30_000);
          continue;
        }
        if (state == null) {
          owner.ended(this, cursor, true);
          return;
        }
        if (state.path("State").path("Running").asBoolean(false)) {
          // The stream ended under a running container; a quick pause so a broken daemon is not
          // hammered, longer each time nothing new came.
          backoff = owner.counters().read.sum() > before ? 500 : Math.min(backoff * 2, 30_000);
          Thread.sleep(backoff);
          continue;
        }
        if (owner.ended(this, cursor, false)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // close()
    }
  }

  private void followOnce() throws IOException, InterruptedException {
    String path =
        "/containers/"
            + id
            + "/logs?follow=1&stdout=1&stderr=1&timestamps=1&since="
            + cursor.since();
    int skip = cursor.count(); // Docker's since is inclusive: these were taken already
    try (DockerHttpClient.Response res = EngineApi.open(owner.streamingDocker(), path)) {
      if (res.getStatusCode() == 404) {
        return;
      }
      if (res.getStatusCode() != 200) {
        throw new IOException("Docker answered " + res.getStatusCode() + " to the log follow");
      }
      stream = res;
      if (closed) {
        return;
      }
      long floor = cursor.nanos();
      int[] toSkip = {skip};
      new DockerLogStream(meta.tty())
          .read(
              res.getBody(),
              (s, text) -> {
                int space = text.indexOf(' ');
                long nanos = space > 0 ? nanos(text.substring(0, space)) : -1;
                if (nanos < 0) {
                  nanos = cursor.nanos(); // no readable stamp: keep the line, at the last position
                } else if (nanos < floor || (nanos == floor && toSkip[0]-- > 0)) {
                  return;
                }
                String message = space > 0 ? text.substring(space + 1) : text;
                take(s, nanos, message);
              });
    } finally {
      stream = null;
    }
  }

  private void take(String s, long nanos, String message) throws IOException {
    cursor = cursor.after(nanos);
    ContainerMeta m = meta;
    LogEntry entry =
        new LogEntry(
            nanos / 1_000_000,
            owner.host(),
            m.service(),
            LevelGuess.of(message),
            message,
            "stderr".equals(s) ? stderrLabels : stdoutLabels);
    try {
      owner.batcher().add(id, cursor, entry);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("closed while queueing", e);
    }
  }

  /** Docker's RFC 3339 stamp as epoch nanoseconds; -1 when unreadable. */
  static long nanos(String stamp) {
    try {
      Instant t = Instant.parse(stamp);
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
