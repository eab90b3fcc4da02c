package io.homelab.observer.agent.docker;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness "docker": DOWN while the Docker endpoint does not answer. There is deliberately no
 * liveness counterpart: a restart would not bring Docker back, and the agent must keep serving
 * metrics meanwhile.
 */
@Readiness
@ApplicationScoped
public class DockerReadinessCheck implements HealthCheck {

  private final DockerStatus status;

  public DockerReadinessCheck(DockerStatus status) {
    this.status = status;
  }

  @Override
  public HealthCheckResponse call() {
    DockerStatus.Probe p = status.probe();
    HealthCheckResponseBuilder b = HealthCheckResponse.named("docker").status(p.reachable());
    if (p.reachable()) {
      b.withData("version", p.version()).withData("apiVersion", p.apiVersion());
    } else {
      b.withData("error", p.error());
    }
    return b.build();
  }
}
