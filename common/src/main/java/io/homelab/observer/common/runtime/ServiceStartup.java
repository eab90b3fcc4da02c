package io.homelab.observer.common.runtime;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.nio.file.Path;

/**
 * The start-up check every service runs: its data directory is prepared before anything writes to
 * it, and start-up fails with one clear line when it cannot be used.
 *
 * <p>Each service has a thin {@code @Startup @Singleton} bean, {@code config.StartupChecks},
 * extending this class (it needs the service's own config type); {@link ServiceInfoCheck} reads the
 * data directory from it. Quarkus prints a {@link ConfigurationException} as its message alone,
 * where any other start-up exception becomes a stack trace; operators should read what to fix, not
 * where it was noticed.
 */
public class ServiceStartup {

  private final Path dataDir;

  /**
   * @param configured the data directory from the service's configuration
   * @param key the config key that names it, quoted in the error
   */
  protected ServiceStartup(Path configured, String key) {
    try {
      this.dataDir = DataDirectory.prepare(configured, key);
    } catch (IllegalStateException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }

  /** The prepared, absolute data directory. */
  public Path dataDir() {
    return dataDir;
  }
}
