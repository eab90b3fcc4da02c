package io.homelab.observer.controller.metrics.scrape;

import io.homelab.observer.controller.metrics.Sample;
import io.homelab.observer.controller.metrics.SampleSink;
import io.homelab.observer.controller.metrics.tsdb.StaleMarker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One scrape of one target, as Prometheus does it: the samples at the scrape's start time with the
 * target's labels (clashing exposed labels become {@code exported_<name>}), {@code up}, {@code
 * scrape_duration_seconds} and {@code scrape_samples_scraped}, and a stale marker for every series
 * that the previous scrape had and this one has not (all of them when the target is down).
 */
final class ScrapeLoop {

  static final String ACCEPT =
      "application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  private final HttpClient http;
  private final SampleSink sink;

  ScrapeLoop(HttpClient http, SampleSink sink) {
    this.http = http;
    this.sink = sink;
  }

  void scrape(TargetState state, Duration timeout, long nowMillis) {
    ScrapeTarget target = state.target;
    long started = System.nanoTime();
    List<Sample> out = new ArrayList<>();
    Set<SortedMap<String, String>> seen = new HashSet<>();
    String error = "";
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create(target.url()))
                  .timeout(timeout)
                  .header("Accept", ACCEPT)
                  .header(
                      "X-Prometheus-Scrape-Timeout-Seconds",
                      Double.toString(timeout.toMillis() / 1000.0))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("server returned HTTP status " + r.statusCode());
      }
      String contentType = r.headers().firstValue("Content-Type").orElse("text/plain");
      Exposition ex =
          ExpositionParser.parse(
              new String(r.body(), StandardCharsets.UTF_8),
              ExpositionParser.isOpenMetrics(contentType));
      for (Exposition.Line line : ex.samples()) {
        SortedMap<String, String> labels = withTarget(line.labels(), target.labels());
        if (!seen.add(labels)) {
          continue; // a duplicate series in one exposition: the first wins, as in Prometheus
        }
        long t = line.timestampMillis() == null ? nowMillis : line.timestampMillis();
        out.add(new Sample(labels, t, line.value()));
      }
      state.metadata = ex.metadata();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    } catch (java.net.http.HttpTimeoutException e) {
      error = "Get \"" + target.url() + "\": context deadline exceeded";
    } catch (Exception e) {
      error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    boolean up = error.isEmpty();
    if (!up) {
      out.clear();
      seen.clear();
    }
    for (SortedMap<String, String> gone : state.lastSeries) {
      if (!seen.contains(gone)) {
        out.add(new Sample(gone, nowMillis, StaleMarker.VALUE));
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.add(new Sample(series("up", target), nowMillis, up ? 1 : 0));
    out.add(new Sample(series("scrape_duration_seconds", target), nowMillis, seconds));
    out.add(new Sample(series("scrape_samples_scraped", target), nowMillis, seen.size()));
    sink.append(out);
    state.lastSeries = seen;
    state.lastScrapeMillis = nowMillis;
    state.lastDurationSeconds = seconds;
    state.lastError = error;
    state.health = up ? "up" : "down";
  }

  /** Stale markers for every series of a target that is no longer configured. */
  void forget(TargetState state, long nowMillis) {
    List<Sample> out = new ArrayList<>();
    for (SortedMap<String, String> gone : state.lastSeries) {
      out.add(new Sample(gone, nowMillis, StaleMarker.VALUE));
    }
    for (String name : List.of("up", "scrape_duration_seconds", "scrape_samples_scraped")) {
      out.add(new Sample(series(name, state.target), nowMillis, StaleMarker.VALUE));
    }
    sink.append(out);
  }

  private static SortedMap<String, String> series(String name, ScrapeTarget target) {
    TreeMap<String, String> l = new TreeMap<>(target.labels());
    l.put("__name__", name);
    return l;
  }

  static SortedMap<String, String> withTarget(
      SortedMap<String, String> exposed, Map<String, String> target) {
    TreeMap<String, String> l = new TreeMap<>(exposed);
    for (Map.Entry<String, String> e : target.entrySet()) {
      String mine = l.get(e.getKey());
      if (mine != null && !mine.isEmpty()) {
        l.put("exported_" + e.getKey(), mine);
      }
      l.put(e.getKey(), e.getValue());
    }
    return l;
  }
}
