package io.homelab.observer.common.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The two health checks every service reports, one bean for all (found through common's index). The
 * service name is the application's name without its {@code homelab-} prefix ({@code
 * homelab-tracking-server} reports {@code tracking-server}); the data directory is the one the
 * service's {@link ServiceStartup} bean prepared.
 *
 * <p>The checks are built in this bean rather than in a static helper: in a Quarkus test a helper
 * class of this jar was once defined by another class loader than the bean, and the health types
 * then clashed (a {@code LinkageError} on {@code /q/health}).
 */
@ApplicationScoped
public class ServiceInfoCheck {

  private static final String PREFIX = "homelab-";

  private final String service;
  private final String version;
  private final ServiceStartup startup;

  public ServiceInfoCheck(
      @ConfigProperty(name = "quarkus.application.name") String applicationName,
      @ConfigProperty(name = "quarkus.application.version") String version,
      ServiceStartup startup) {
    this.service = serviceName(applicationName);
    this.version = version;
    this.startup = startup;
  }

  static String serviceName(String applicationName) {
    return applicationName.startsWith(PREFIX)
        ? applicationName.substring(PREFIX.length())
        : applicationName;
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
            .withData("service", service)
            .withData("version", version)
            .build();
  }

  /**
   * Readiness: state can be written; a data dir turned read-only or deleted makes the service not
   * ready. The directory is read on each call: the check reports what the disk says now.
   */
  @Readiness
  HealthCheck dataDir() {
    return () -> {
      Path dir = startup.dataDir();
      return HealthCheckResponse.named("data-dir")
          .status(Files.isDirectory(dir) && Files.isWritable(dir))
          .withData("path", dir.toString())
          .build();
    };
  }
}
