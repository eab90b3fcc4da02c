package io.homelab.observer.exporter.container;

import java.util.List;

/**
 * Resource usage of one container's cgroup, in cAdvisor's units (seconds, bytes).
 *
 * @param path cgroup path, cAdvisor's {@code id} label (e.g. {@code /docker/<id>})
 * @param io bytes per block device and operation
 */
public record CgroupStats(
    String path,
    double cpuUsageSeconds,
    double cpuUserSeconds,
    double cpuSystemSeconds,
    double memoryUsageBytes,
    double memoryWorkingSetBytes,
    double memoryRssBytes,
    double memoryCacheBytes,
    List<BlkioEntry> io) {

  public CgroupStats {
    io = List.copyOf(io);
  }

  /** Bytes moved on one device in one direction ("Read" or "Write", as cgroup v1 names them). */
  public record BlkioEntry(int major, int minor, String operation, double bytes) {}
}
