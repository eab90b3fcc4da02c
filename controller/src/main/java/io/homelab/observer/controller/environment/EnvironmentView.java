package io.homelab.observer.controller.environment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * An environment as {@code GET /api/environments} lists it (SPEC.md: {@code id, name, url, status,
 * lastSeen, ...}).
 *
 * @param status {@code up} (signed calls work), {@code down} (no answer) or {@code unpaired}
 *     (answers, but does not trust this controller's key)
 * @param lastSeen last time the agent answered at all; null if never since it was added
 * @param cpus host CPU count and {@code memoryBytes} total memory, as Docker reports them
 * @param agentId the agent's id, bound into every request signed for it (null for an environment
 *     added before agent ids existed, until its next status check)
 * @param metricsUrl where its metrics are scraped when not derived from {@code url}
 * @param cpuPercent busy CPU %, {@code memoryPercent} RAM used % (MemAvailable-based) and {@code
 *     rootFsPercent} root file system used %, from the metrics store; null until scraped
 */
@RegisterForReflection
public record EnvironmentView(
    String id,
    String name,
    String url,
    String group,
    List<String> tags,
    String status,
    String statusMessage,
    Instant lastSeen,
    Instant lastChecked,
    String dockerVersion,
    String agentVersion,
    String hostname,
    Integer containersRunning,
    Integer containersTotal,
    Integer images,
    Integer cpus,
    Long memoryBytes,
    String tlsFingerprint,
    String agentId,
    Instant createdAt,
    String metricsUrl,
    Double cpuPercent,
    Double memoryPercent,
    Double rootFsPercent) {

  public EnvironmentView {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  static EnvironmentView of(EnvironmentEntity e) {
    return new EnvironmentView(
        e.id,
        e.name,
        e.url,
        e.group,
        splitTags(e.tags),
        e.status,
        e.statusMessage,
        instant(e.lastSeen),
        instant(e.lastChecked),
        e.dockerVersion,
        e.agentVersion,
        e.hostname,
        e.containersRunning,
        e.containersTotal,
        e.images,
        e.cpus,
        e.memoryBytes,
        e.tlsFingerprint,
        e.agentId,
        Instant.ofEpochMilli(e.createdAt),
        e.metricsUrl,
        null,
        null,
        null);
  }

  /** This view with the host's current usage from the metrics store (null where unknown). */
  public EnvironmentView withUsage(Double[] cpuMemoryRootFs) {
    if (cpuMemoryRootFs == null) {
      return this;
    }
    Double cpu = cpuMemoryRootFs[0];
    Double memory = cpuMemoryRootFs[1];
    Double rootFs = cpuMemoryRootFs[2];
    return new EnvironmentView(
        id,
        name,
        url,
        group,
        tags,
        status,
        statusMessage,
        lastSeen,
        lastChecked,
        dockerVersion,
        agentVersion,
        hostname,
        containersRunning,
        containersTotal,
        images,
        cpus,
        memoryBytes,
        tlsFingerprint,
        agentId,
        createdAt,
        metricsUrl,
        cpu,
        memory,
        rootFs);
  }

  static List<String> splitTags(String tags) {
    return tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","));
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
