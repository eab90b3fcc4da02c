package io.homelab.observer.agent.logship;

import io.homelab.observer.common.runtime.DaemonThreads;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends the buffered batches, oldest first, one at a time, on its own thread: a 2xx (also {@code
 * {"duplicate":true}}) removes the batch; a connection error, a time-out, 401/403, 408, 429 or 5xx
 * keeps it and retries after a pause that doubles from 1 s up to {@code maxBackoff}. Any other 4xx
 * means the server will never take these bytes: the batch is dropped and counted, so one bad batch
 * cannot stop shipping for good.
 */
final class BatchSender implements AutoCloseable {

  static final Duration MIN_BACKOFF = Duration.ofSeconds(1);

  private final BatchStore store;
  private final ShipCounters counters;
  private final URI endpoint;
  private final String token;
  private final Duration timeout;
  private final long maxBackoffMillis;
  private final HttpClient http;
  private final Object wake = new Object();
  private final Thread thread;
  private volatile boolean closed;
  private boolean failing;

  BatchSender(
      BatchStore store,
      ShipCounters counters,
      URI endpoint,
      String token,
      Duration timeout,
      Duration maxBackoff) {
    this.store = store;
    this.counters = counters;
    this.endpoint = endpoint;
    this.token = token;
    this.timeout = timeout;
    this.maxBackoffMillis = Math.max(MIN_BACKOFF.toMillis(), maxBackoff.toMillis());
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.thread = DaemonThreads.thread(this::run, "logship-sender");
  }

  void start() {
    thread.start();
  }

  /** A new batch is in the buffer. */
  void wake() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(timeout.toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long backoff = MIN_BACKOFF.toMillis();
    while (!closed) {
      try {
        BatchStore.Pending batch = store.oldest();
        if (batch == null) {
          synchronized (wake) {
            wake.wait(1000);
          }
          continue;
        }
        if (send(batch)) {
          backoff = MIN_BACKOFF.toMillis();
        } else {
          Thread.sleep(backoff);
          backoff = Math.min(backoff * 2, maxBackoffMillis);
        }
      } catch (InterruptedException e) {
        return; // close()
      } catch (IOException | RuntimeException e) {
        // The buffer itself failed (disk full, unreadable file): log it and try again later.
        Log.errorf("log shipping: buffer error: %s", e.toString());
        try {
          Thread.sleep(maxBackoffMillis);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** One attempt; true when the batch left the buffer. */
  private boolean send(BatchStore.Pending batch) throws IOException, InterruptedException {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body()));
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    int status;
    String answer;
    try {
      HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      status = res.statusCode();
      answer = res.body();
    } catch (IOException e) {
      store.release();
      failed("cannot reach " + endpoint + ": " + e);
      return false;
    }
    if (status / 100 == 2) {
      store.remove(batch.sequence());
      counters.shipped.add(batch.entries());
      if (failing) {
        failing = false;
        Log.infof("log shipping: %s takes batches again", endpoint);
      }
      return true;
    }
    if (status / 100 == 4 && status != 401 && status != 403 && status != 408 && status != 429) {
      store.remove(batch.sequence());
      counters.droppedRejected.add(batch.entries());
      Log.errorf(
          "log shipping: %s refused batch %d (%d lines) with %d, dropped: %s",
          endpoint, batch.sequence(), batch.entries(), status, abbreviate(answer));
      return true;
    }
    store.release();
    failed(endpoint + " answered " + status + ": " + abbreviate(answer));
    return false;
  }

  private void failed(String why) {
    counters.sendErrors.increment();
    if (!failing) {
      failing = true;
      Log.warnf("log shipping: %s; batches wait on disk and are retried", why);
    } else {
      Log.debugf("log shipping: %s", why);
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
