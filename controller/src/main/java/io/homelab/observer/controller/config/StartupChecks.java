package io.homelab.observer.controller.config;

import io.homelab.observer.common.runtime.DataDirectory;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Prepares the data directory and the database schema, failing start-up with one clear line when
 * either is unusable.
 *
 * <p>Quarkus prints a {@link ConfigurationException} as its message alone, where any other start-up
 * exception becomes a stack trace; operators should read what to fix, not where it was noticed. The
 * migration runs here rather than with {@code quarkus.flyway.migrate-at-start} because SQLite needs
 * the directory to exist first. Beans that need the schema inject this class (a {@code @Singleton}
 * is built on injection, so it runs first).
 */
@Startup(10)
@Singleton
public class StartupChecks {

  private final ControllerConfig config;
  private final Flyway flyway;
  private Path dataDir;

  public StartupChecks(ControllerConfig config, Flyway flyway) {
    this.config = config;
    this.flyway = flyway;
  }

  @PostConstruct
  void prepare() {
    try {
      dataDir = DataDirectory.prepare(config.dataDir(), "homelab.controller.data-dir");
    } catch (IllegalStateException e) {
      throw new ConfigurationException(e.getMessage());
    }
    try {
      flyway.migrate();
    } catch (FlywayException e) {
      throw new ConfigurationException(
          "database in " + dataDir + " cannot be migrated: " + e.getMessage());
    }
  }

  /** The prepared, absolute data directory. */
  public Path dataDir() {
    return dataDir;
  }
}
