package io.homelab.observer.agent.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether dockerd answers, probed with a short deadline and cached for a second, so that health
 * checks and {@code GET /api/ping} stay fast while Docker is down or hanging.
 */
@ApplicationScoped
public class DockerStatus {

  /** A probe that takes longer than this counts as unreachable. */
  static final Duration PROBE_DEADLINE = Duration.ofSeconds(2);

  /** Results are reused this long; a burst of pings costs one Docker call. */
  static final Duration CACHE = Duration.ofSeconds(1);

  /** Outcome of one probe: reachable with the daemon's version, or not with a reason. */
  public record Probe(
      boolean reachable, String version, String apiVersion, String error, Instant at) {}

  // Raw GET /version rather than docker-java's version command: pings and health checks then
  // never build docker-java's client (~5 MiB of classes in an agent whose API is otherwise idle).
  private final EngineApi engine;
  private volatile Probe last;

  public DockerStatus(EngineApi engine) {
    this.engine = engine;
  }

  /** The latest probe, refreshed when older than {@link #CACHE}. */
  public Probe probe() {
    Probe p = last;
    if (p != null && p.at().plus(CACHE).isAfter(Instant.now())) {
      return p;
    }
    p = probeNow();
    last = p;
    return p;
  }

  private Probe probeNow() {
    // On the Docker-call pool, not the common ForkJoin pool: a hung dockerd must not starve other
    // users.
    try {
      JsonNode v = engine.get("docker", "/version", PROBE_DEADLINE);
      return new Probe(
          true, EngineApi.text(v, "Version"), EngineApi.text(v, "ApiVersion"), null, Instant.now());
    } catch (ApiException e) {
      return new Probe(false, null, null, e.getMessage(), Instant.now());
    }
  }

  /** The version string when reachable. */
  public Optional<String> version() {
    Probe p = probe();
    return p.reachable() ? Optional.ofNullable(p.version()) : Optional.empty();
  }
}
