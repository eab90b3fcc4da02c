package io.homelab.observer.common.wire;

/**
 * {@code GET /api/host}: the machine and its Docker engine.
 *
 * @param memoryBytes total memory Docker sees
 * @param disk Docker's disk usage summary ({@code docker system df})
 */
public record HostInfo(
    String hostname,
    String operatingSystem,
    String osType,
    String kernelVersion,
    String architecture,
    int cpus,
    long memoryBytes,
    String dockerVersion,
    String dockerApiVersion,
    String dockerRootDir,
    int containers,
    int containersRunning,
    int containersPaused,
    int containersStopped,
    int images,
    DiskUsage disk) {

  /**
   * Bytes used by each kind of Docker object; {@code reclaimableBytes} is what a prune would free.
   */
  public record DiskUsage(
      long imagesBytes,
      long containersBytes,
      long volumesBytes,
      long buildCacheBytes,
      long reclaimableImagesBytes) {}
}
