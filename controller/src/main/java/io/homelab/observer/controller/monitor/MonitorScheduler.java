package io.homelab.observer.controller.monitor;

import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.config.StartupChecks;
import io.homelab.observer.controller.metrics.Sample;
import io.homelab.observer.controller.metrics.SampleSink;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs every enabled monitor at its interval on a small pool and writes each result to the store
 * ({@code homelab_monitor_up}, {@code homelab_monitor_latency_seconds}, {@code
 * homelab_monitor_cert_expiry_timestamp_seconds}, labels {@code monitor} and {@code type}) and to
 * the monitor's row.
 */
@ApplicationScoped
public class MonitorScheduler {

  public static final String UP = "homelab_monitor_up";
  public static final String LATENCY = "homelab_monitor_latency_seconds";
  public static final String CERT_EXPIRY = "homelab_monitor_cert_expiry_timestamp_seconds";

  private final MonitorStore store;
  private final MonitorChecker checker;

  /** The metrics store: latency and up/down history live there. */
  private final SampleSink sink;

  private final ControllerConfig.Monitors config;

  /** Monitor id -> next due time (epoch ms). */
  private final Map<String, Long> due = new ConcurrentHashMap<>();

  /** Ids being checked right now: a slow check is never started twice. */
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  private volatile List<MonitorEntity> monitors = List.of();
  private ScheduledExecutorService ticker;
  private ExecutorService workers;

  public MonitorScheduler(
      MonitorStore store,
      MonitorChecker checker,
      SampleSink sink,
      ControllerConfig config,
      StartupChecks schemaReady) {
    this.store = store;
    this.checker = checker;
    this.sink = sink;
    this.config = config.monitors();
  }

  void start(@Observes StartupEvent event) {
    workers =
        Executors.newFixedThreadPool(
            config.parallelism(), DaemonThreads.numbered("monitor-check-"));
    ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("monitor-scheduler"));
    // On the ticker, before its first tick: the first query of the run (Hibernate parses it) stays
    // off the start-up thread, and no tick can see an empty list that is not the real one.
    ticker.execute(this::reload);
    ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (ticker != null) {
      ticker.shutdownNow();
      workers.shutdownNow();
    }
  }

  void changed(@Observes MonitorService.MonitorsChanged event) {
    reload();
  }

  /** Synchronized: the start-up load and a change event must not overwrite each other's list. */
  private synchronized void reload() {
    try {
      List<MonitorEntity> all = store.all();
      monitors = all;
      Set<String> ids = ConcurrentHashMap.newKeySet();
      all.forEach(m -> ids.add(m.id));
      due.keySet().retainAll(ids);
      // a new or edited monitor is checked on the next tick, not after a whole interval
      all.forEach(m -> due.merge(m.id, 0L, Math::min));
    } catch (RuntimeException e) {
      Log.warnf(e, "cannot load the monitors");
    }
  }

  private void tick() {
    long now = System.currentTimeMillis();
    for (MonitorEntity m : monitors) {
      if (!m.enabled || due.getOrDefault(m.id, 0L) > now || !running.add(m.id)) {
        continue;
      }
      due.put(m.id, now + m.intervalSeconds * 1000L);
      try {
        workers.execute(() -> run(m));
      } catch (RuntimeException e) {
        running.remove(m.id);
      }
    }
  }

  private void run(MonitorEntity m) {
    try {
      CheckResult result = checker.check(m);
      long at = System.currentTimeMillis();
      if (store.saveResult(m.id, result, at) == null) {
        return; // deleted meanwhile: write no samples for a monitor that no longer exists
      }
      sink.append(samples(m, result, at));
      Log.debugf("monitor %s: %s (%s)", m.name, result.up() ? "up" : "down", result.message());
    } catch (RuntimeException e) {
      Log.warnf(e, "monitor %s could not be recorded", m.name);
    } finally {
      running.remove(m.id);
    }
  }

  static List<Sample> samples(MonitorEntity m, CheckResult r, long at) {
    List<Sample> out = new ArrayList<>(3);
    out.add(new Sample(labels(UP, m), at, r.up() ? 1 : 0));
    out.add(new Sample(labels(LATENCY, m), at, r.latencyMillis() / 1000.0));
    if (r.certExpiresAt() != null) {
      out.add(new Sample(labels(CERT_EXPIRY, m), at, r.certExpiresAt().getEpochSecond()));
    }
    return out;
  }

  private static TreeMap<String, String> labels(String name, MonitorEntity m) {
    TreeMap<String, String> labels = new TreeMap<>();
    labels.put("__name__", name);
    labels.put("monitor", m.name);
    labels.put("type", m.type);
    return labels;
  }
}
