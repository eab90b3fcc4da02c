package io.homelab.observer.tracking.health;

import io.homelab.observer.common.runtime.ServiceHealth;
import io.homelab.observer.tracking.config.StartupChecks;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
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

  @Liveness
  HealthCheck service() {
    return ServiceHealth.identity("tracking-server", version);
  }

  @Readiness
  HealthCheck dataDir() {
    return ServiceHealth.dataDirWritable(startup::dataDir);
  }
}
