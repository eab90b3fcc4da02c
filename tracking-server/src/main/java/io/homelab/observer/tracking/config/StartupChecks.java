package io.homelab.observer.tracking.config;

import io.homelab.observer.common.runtime.DataDirectory;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Fails start-up with one clear line when the data directory cannot be used.
 *
 * <p>Quarkus prints a {@link ConfigurationException} as its message alone, where any other start-up
 * exception becomes a stack trace; operators should read what to fix, not where it was noticed.
 */
@Startup
@Singleton
public class StartupChecks {

  private final TrackingConfig config;
  private Path dataDir;

  public StartupChecks(TrackingConfig config) {
    this.config = config;
  }

  @PostConstruct
  void checkDataDir() {
    try {
      dataDir = DataDirectory.prepare(config.dataDir(), "homelab.tracking.data-dir");
    } catch (IllegalStateException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /** The prepared, absolute data directory. */
  public Path dataDir() {
    return dataDir;
  }
}
