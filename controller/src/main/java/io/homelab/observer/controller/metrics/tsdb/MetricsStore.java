package io.homelab.observer.controller.metrics.tsdb;

import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.config.StartupChecks;
import io.homelab.observer.controller.metrics.Sample;
import io.homelab.observer.controller.metrics.SampleListener;
import io.homelab.observer.controller.metrics.SampleSink;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The controller's metrics store as a bean: opens the {@link TsdbEngine} in {@code
 * <data-dir>/metrics}, tells every {@link SampleListener} of each accepted batch, and runs the WAL
 * sync and the retention in the background.
 */
@Startup(20)
@ApplicationScoped
public class MetricsStore implements SampleSink {

  private final ControllerConfig config;
  private final StartupChecks startup;
  private final Instance<SampleListener> listeners;
  private TsdbEngine engine;
  private ScheduledExecutorService housekeeping;

  public MetricsStore(
      ControllerConfig config, StartupChecks startup, Instance<SampleListener> listeners) {
    this.config = config;
    this.startup = startup;
    this.listeners = listeners;
  }

  @PostConstruct
  void open() {
    ControllerConfig.Retention r = config.retention();
    ControllerConfig.Tsdb t = config.tsdb();
    TsdbSettings settings =
        new TsdbSettings(
            startup.dataDir().resolve("metrics"),
            t.blockDuration(),
            t.headMaxBytes(),
            r.raw(),
            r.rollupResolution(),
            r.rollup(),
            java.time.Duration.ofDays(1));
    engine = new TsdbEngine(settings, System::currentTimeMillis);
    housekeeping =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("metrics-housekeeping"));
    long flush = Math.max(100, t.flushInterval().toMillis());
    housekeeping.scheduleWithFixedDelay(
        () -> guarded("WAL sync", engine::sync), flush, flush, TimeUnit.MILLISECONDS);
    housekeeping.scheduleWithFixedDelay(
        () -> guarded("retention", engine::enforceRetention), 1, 10, TimeUnit.MINUTES);
    Log.infof("metrics store open in %s: %d series", settings.dir(), engine.stats().series());
  }

  private static void guarded(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      Log.errorf("metrics %s failed: %s", what, e.getMessage());
    }
  }

  @Override
  public void append(List<Sample> samples) {
    List<Sample> accepted = engine.append(samples);
    if (accepted.isEmpty()) {
      return;
    }
    List<Sample> view = List.copyOf(accepted);
    for (SampleListener l : listeners) {
      try {
        l.onAppended(view);
      } catch (RuntimeException e) {
        Log.warnf("sample listener %s failed: %s", l.getClass().getSimpleName(), e.getMessage());
      }
    }
  }

  /** The engine, for the query side. */
  public TsdbEngine engine() {
    return engine;
  }

  void stop(@Observes ShutdownEvent ev) {
    housekeeping.shutdownNow();
    engine.close();
  }
}
