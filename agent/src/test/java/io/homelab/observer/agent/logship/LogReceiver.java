package io.homelab.observer.agent.logship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-side tracking server for {@code POST /api/2.0/homelab/logs} as docs/agent.md describes the
 * contract: Bearer token, a batch stored at most once per {@code batch_id} ({@code
 * {"accepted":0,"duplicate":true}} for a repeat). It can be stopped and started again on the same
 * loopback port, and made to lose its answers (store, then drop the connection) as a crashed proxy
 * or a server that dies before answering would. Tests take only {@link #baseUrl()} from it for the
 * agent, so the real tracking server can stand in for it.
 */
final class LogReceiver implements AutoCloseable {

  private final ObjectMapper json = new ObjectMapper();
  private final String token;
  private final int port;
  private final Set<String> batchIds = new HashSet<>();
  private final List<JsonNode> entries = new ArrayList<>();
  private final AtomicInteger duplicates = new AtomicInteger();
  private final AtomicInteger unauthorized = new AtomicInteger();
  private final AtomicInteger answersToLose = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong received =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean countOnly;
  private HttpServer server;

  LogReceiver(String token) throws IOException {
    this.token = token;
    start(0);
    this.port = server.getAddress().getPort();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Serves on the port of the first start (a restarted server keeps its address). */
  synchronized void start() throws IOException {
    if (server == null) {
      start(port);
    }
  }

  private void start(int p) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 50);
    server.createContext(LogShipper.LOGS_PATH, this::handle);
    server.start();
  }

  /** Stops answering: connections are refused until {@link #start()}. */
  synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** The next {@code n} batches are stored but their answers never sent. */
  void loseAnswers(int n) {
    answersToLose.set(n);
  }

  /** Keeps only the count of entries (for benchmarks with many lines). */
  void countOnly() {
    countOnly = true;
  }

  /** Entries stored, duplicates not counted. */
  long received() {
    return received.get();
  }

  synchronized List<JsonNode> entries() {
    return List.copyOf(entries);
  }

  int duplicates() {
    return duplicates.get();
  }

  int unauthorized() {
    return unauthorized.get();
  }

  synchronized Set<String> batchIds() {
    return Set.copyOf(batchIds);
  }

  @Override
  public void close() {
    stop();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        answer(ex, 405, "{\"error_code\":\"BAD_REQUEST\",\"message\":\"POST only\"}");
        return;
      }
      if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        unauthorized.incrementAndGet();
        answer(ex, 401, "{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"bad token\"}");
        return;
      }
      JsonNode body;
      try (InputStream in = ex.getRequestBody()) {
        body = json.readTree(in);
      }
      String id = body.path("batch_id").asText("");
      JsonNode batch = body.path("entries");
      if (id.isEmpty() || !batch.isArray()) {
        answer(ex, 400, "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"bad batch\"}");
        return;
      }
      boolean duplicate;
      synchronized (this) {
        duplicate = !batchIds.add(id);
        if (!duplicate) {
          received.addAndGet(batch.size());
          if (!countOnly) {
            batch.forEach(entries::add);
          }
        }
      }
      if (duplicate) {
        duplicates.incrementAndGet();
      }
      if (!duplicate && answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        // Stored, but the sender never hears so: it must send the same batch id again.
        return;
      }
      answer(
          ex,
          200,
          duplicate
              ? "{\"accepted\":0,\"duplicate\":true}"
              : "{\"accepted\":" + batch.size() + ",\"duplicate\":false}");
    }
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
