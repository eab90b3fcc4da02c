package io.homelab.observer.controller.metrics.scrape;

import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.metrics.SampleSink;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes every target each {@code homelab.controller.scrape-interval} on a bounded pool; a target
 * still being scraped (slow, up to its time-out) is skipped that round rather than queued, so a
 * dead host never delays the others.
 */
@Startup(30)
@ApplicationScoped
public class Scraper {

  private final TargetSource source;
  private final ControllerConfig config;
  private final SampleSink sink;

  /**
   * Built by the ticker's first round with a target, not in the constructor: an HTTP client sets up
   * TLS (the JVM's trust store) when built, a tenth of the controller's start-up CPU, and nothing
   * needs it before the first scrape. Only the ticker thread writes it; the pool sees it through
   * submit.
   */
  private ScrapeLoop loop;

  private final Map<String, TargetState> states = new ConcurrentHashMap<>();
  private ScheduledExecutorService ticker;
  private ExecutorService pool;
  private ScrapeClock clock;

  public Scraper(TargetSource source, ControllerConfig config, SampleSink sink) {
    this.source = source;
    this.config = config;
    this.sink = sink;
  }

  @PostConstruct
  void start() {
    ticker =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("metrics-scrape-ticker"));
    pool =
        Executors.newFixedThreadPool(
            Math.max(2, config.agents().parallelism()), DaemonThreads.named("metrics-scrape"));
    long interval = Math.max(100, config.scrapeInterval().toMillis());
    clock = new ScrapeClock(interval);
    ticker.scheduleAtFixedRate(this::round, 500, interval, TimeUnit.MILLISECONDS);
  }

  private void round() {
    try {
      List<ScrapeTarget> targets = source.targets();
      if (loop == null) {
        if (targets.isEmpty()) {
          return;
        }
        loop =
            new ScrapeLoop(
                HttpClient.newBuilder()
                    .connectTimeout(config.agents().connectTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build(),
                sink);
      }
      Set<String> keys = new HashSet<>();
      long now = clock.stamp(System.currentTimeMillis());
      for (ScrapeTarget t : targets) {
        String key = t.url() + " " + t.labels();
        keys.add(key);
        TargetState state = states.computeIfAbsent(key, k -> new TargetState(t));
        if (state.inFlight.compareAndSet(false, true)) {
          pool.submit(() -> scrapeOne(state, now));
        }
      }
      for (Map.Entry<String, TargetState> e : Set.copyOf(states.entrySet())) {
        if (!keys.contains(e.getKey())) {
          states.remove(e.getKey());
          loop.forget(e.getValue(), now);
        }
      }
    } catch (RuntimeException e) {
      Log.warnf("scrape round failed: %s", e.getMessage());
    }
  }

  private void scrapeOne(TargetState state, long now) {
    try {
      Duration timeout = config.scrape().timeout();
      if (timeout.compareTo(config.scrapeInterval()) > 0) {
        timeout = config.scrapeInterval(); // as Prometheus: a scrape never outlasts its interval
      }
      loop.scrape(state, timeout, now);
    } catch (RuntimeException e) {
      Log.warnf("scrape of %s failed: %s", state.target.url(), e.getMessage());
    } finally {
      state.inFlight.set(false);
    }
  }

  /** The targets as last scraped, for /api/v1/targets and /api/v1/metadata. */
  public List<TargetState.View> targets() {
    return states.values().stream().map(TargetState::view).toList();
  }

  void stop(@Observes ShutdownEvent ev) {
    ticker.shutdownNow();
    pool.shutdownNow();
  }
}
