package io.homelab.observer.controller.metrics.summary;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One environment's current figures ({@code GET /api/metrics/summary}, SPEC.md); a figure the store
 * has no recent sample for is null.
 *
 * @param networkRxBps received bytes per second over all interfaces but loopback (and {@code
 *     networkTxBps} sent)
 */
@RegisterForReflection
public record HostSummary(
    String environmentId,
    String name,
    Double cpuPercent,
    Double memoryPercent,
    Double swapPercent,
    Double rootFsPercent,
    Double networkRxBps,
    Double networkTxBps,
    Double load1,
    Double maxTemperatureCelsius,
    List<Gpu> gpus,
    Integer containersRunning,
    Integer containersTotal,
    Double uptimeSeconds) {

  /** One GPU as nvidia_gpu_exporter's series describe it. */
  @RegisterForReflection
  public record Gpu(
      String uuid,
      String name,
      Double utilizationPercent,
      Double memoryUsedBytes,
      Double memoryTotalBytes,
      Double temperatureCelsius,
      Double powerDrawWatts) {}

  /** {@code {"items":[...]}}. */
  @RegisterForReflection
  public record Page(List<HostSummary> items) {}
}
