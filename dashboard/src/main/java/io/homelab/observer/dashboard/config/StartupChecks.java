package io.homelab.observer.dashboard.config;

import io.homelab.observer.common.runtime.ServiceStartup;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/** Fails start-up with one clear line when the data directory cannot be used. */
@Startup
@Singleton
public class StartupChecks extends ServiceStartup {

  public StartupChecks(DashboardConfig config) {
    super(config.dataDir(), "homelab.dashboard.data-dir");
  }
}
