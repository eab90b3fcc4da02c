package io.homelab.observer.controller.environment;

import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.controller.config.ControllerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Refreshes every environment's status snapshot every {@code
 * homelab.controller.agents.status-interval}.
 */
@ApplicationScoped
public class StatusPoller {

  private final EnvironmentService environments;
  private final ControllerConfig.Agents config;
  private ScheduledExecutorService scheduler;

  public StatusPoller(EnvironmentService environments, ControllerConfig config) {
    this.environments = environments;
    this.config = config.agents();
  }

  void start(@Observes StartupEvent event) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("environment-status"));
    long every = config.statusInterval().toMillis();
    // fixed delay, not rate: a round stalled by dead agents must not queue up further rounds behind
    // it
    scheduler.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private void round() {
    try {
      environments.checkAll();
    } catch (RuntimeException e) {
      Log.warnf(e, "environment status round failed");
    }
  }
}
