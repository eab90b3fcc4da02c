package io.homelab.observer.agent.logship;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the followed set in step with Docker on one thread: Docker's event stream ({@code start},
 * {@code rename}, {@code destroy} of containers) and, at every (re)connect, a list of the running
 * containers, so nothing started while the stream was down is missed. Reconnects with a doubling
 * back-off, as the metrics' {@code ContainerEvents} does.
 */
final class ContainerWatcher implements AutoCloseable {

  private final LogShipper owner;
  private final ObjectMapper json;
  private final List<String> scope;
  private final Thread thread;
  private volatile boolean closed;
  private volatile DockerHttpClient.Response stream;

  /** {@code scope}: Docker label filters ({@code key=value}) every followed container matches. */
  ContainerWatcher(LogShipper owner, ObjectMapper json, List<String> scope) {
    this.owner = owner;
    this.json = json;
    this.scope = List.copyOf(scope);
    this.thread = DaemonThreads.thread(this::run, "logship-events");
  }

  void start() {
    thread.start();
  }

  @Override
  public void close() {
    closed = true;
    DockerHttpClient.Response s = stream;
    if (s != null) {
      s.close();
    }
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long backoff = 1000;
    boolean failing = false;
    while (!closed) {
      try {
        follow();
        backoff = 1000;
        failing = false;
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        if (!failing) {
          failing = true;
          Log.warnf("log shipping: Docker event stream: %s; retrying", e.toString());
        }
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        return;
      }
      backoff = Math.min(backoff * 2, 30_000);
    }
  }

  private String filters(Map<String, List<String>> extra) throws IOException {
    Map<String, List<String>> f = new LinkedHashMap<>(extra);
    if (!scope.isEmpty()) {
      f.put("label", scope);
    }
    return URLEncoder.encode(json.writeValueAsString(f), StandardCharsets.UTF_8);
  }

  private void follow() throws IOException {
    // From a second back: Docker answers before it subscribes, and since replays the gap.
    Instant since = Instant.now().minusSeconds(1);
    String path =
        String.format(
            "/events?since=%d.%09d&filters=%s",
            since.getEpochSecond(),
            since.getNano(),
            filters(
                Map.of(
                    "type", List.of("container"),
                    "event", List.of("start", "rename", "destroy"))));
    try (DockerHttpClient.Response res = EngineApi.open(owner.streamingDocker(), path)) {
      if (res.getStatusCode() != 200) {
        throw new IOException("Docker answered " + res.getStatusCode() + " to GET /events");
      }
      stream = res;
      if (closed) {
        return;
      }
      reconcile();
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(res.getBody(), StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
        if (!line.isBlank()) {
          event(json.readTree(line));
        }
      }
    } finally {
      stream = null;
    }
  }

  /** Every running container in scope gets a follower (those followed already are left alone). */
  private void reconcile() throws IOException {
    JsonNode list =
        owner.dockerGet(
            "/containers/json?filters=" + filters(Map.of("status", List.of("running"))));
    List<String> ids = new ArrayList<>();
    if (list != null) {
      list.forEach(c -> ids.add(c.path("Id").asText()));
    }
    for (String id : ids) {
      owner.running(id);
    }
  }

  private void event(JsonNode e) {
    String id = e.path("Actor").path("ID").asText("");
    if (id.isEmpty()) {
      return;
    }
    switch (e.path("Action").asText()) {
      case "start" -> owner.running(id);
      case "rename" -> owner.renamed(id, e.path("Actor").path("Attributes").path("name").asText());
      case "destroy" -> owner.destroyed(id);
      default -> {
        // Filtered out by Docker; nothing else is asked for.
      }
    }
  }
}
