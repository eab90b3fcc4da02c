package io.homelab.observer.common.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The two health checks every service reports, built here once; each service's {@code health} bean
 * only names itself and hands over its data directory (producer annotations are not inherited, so
 * the bean keeps the two annotated methods).
 */
public final class ServiceHealth {

  private ServiceHealth() {}

  /**
   * Liveness: the process answers, with its identity, so the launcher and tests can read the
   * version.
   */
  public static HealthCheck identity(String service, String version) {
    return () ->
        HealthCheckResponse.named("service")
            .up()
            .withData("service", service)
            .withData("version", version)
            .build();
  }

  /**
   * Readiness: state can be written; a data dir turned read-only or deleted makes the service not
   * ready. The directory is read on each call because it is prepared after the check is built.
   */
  public static HealthCheck dataDirWritable(Supplier<Path> dataDir) {
    return () -> {
      Path dir = dataDir.get();
      return HealthCheckResponse.named("data-dir")
          .status(Files.isDirectory(dir) && Files.isWritable(dir))
          .withData("path", dir.toString())
          .build();
    };
  }
}
