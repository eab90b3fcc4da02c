package io.homelab.observer.dashboard.health;

import io.homelab.observer.dashboard.config.StartupChecks;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Reports the service name and version, and whether its data directory is still writable. */
@ApplicationScoped
public class ServiceInfoCheck {

  private final String version;
  private final StartupChecks startup;

  public ServiceInfoCheck(
      @ConfigProperty(name = "quarkus.application.version") String version, StartupChecks startup) {
    this.version = version;
    this.startup = startup;
  }

  /**
   * Liveness: the process answers, with its identity, so the launcher and tests can read the
   * version.
   */
  @Liveness
  HealthCheck service() {
    return () ->
        HealthCheckResponse.named("service")
            .up()
            .withData("service", "dashboard")
            .withData("version", version)
            .build();
  }

  /**
   * Readiness: state can be written; a data dir turned read-only or deleted makes the service not
   * ready.
   */
  @Readiness
  HealthCheck dataDir() {
    return () ->
        HealthCheckResponse.named("data-dir")
            .status(Files.isDirectory(startup.dataDir()) && Files.isWritable(startup.dataDir()))
            .withData("path", startup.dataDir().toString())
            .build();
  }
}
