package io.homelab.observer.common.wire;

import java.time.Instant;

/**
 * {@code GET /api/containers/{id}/stats}: one sample as {@code docker stats --no-stream} computes
 * it.
 *
 * @param cpuPercent Δcontainer CPU / Δsystem CPU × online CPUs × 100 (100 = one full core)
 * @param memoryUsageBytes usage minus page cache, as the Docker CLI shows it
 */
public record ContainerStats(
    String id,
    Instant read,
    double cpuPercent,
    int onlineCpus,
    long memoryUsageBytes,
    long memoryLimitBytes,
    double memoryPercent,
    long networkRxBytes,
    long networkTxBytes,
    long blockReadBytes,
    long blockWriteBytes,
    long pids) {}
