package io.homelab.observer.agent.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.agent.docker.EngineApi;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.HostInfo;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;

/** Host and engine facts for {@code GET /api/host}, with Docker's disk usage summary. */
@Singleton
public class HostService {

  // Raw Engine reads: the controller asks for this on every status round, and docker-java's info
  // model would load its client and ~200 classes into every paired agent for a dozen fields.
  /**
   * {@code /system/df} walks every layer and volume, and dockerd refuses a second one while one
   * runs (500 "a disk usage operation is already running"): its answer is reused for this long.
   */
  static final long DISK_USAGE_MAX_AGE_NANOS = 30_000_000_000L;

  private final EngineApi engine;
  private HostInfo.DiskUsage lastDiskUsage;
  private long lastDiskUsageAt;

  public HostService(EngineApi engine) {
    this.engine = engine;
  }

  public HostInfo host() {
    JsonNode info = engine.get("host", "/info");
    String api = EngineApi.text(engine.get("host", "/version"), "ApiVersion");
    return new HostInfo(
        EngineApi.text(info, "Name"),
        EngineApi.text(info, "OperatingSystem"),
        EngineApi.text(info, "OSType"),
        EngineApi.text(info, "KernelVersion"),
        EngineApi.text(info, "Architecture"),
        info.path("NCPU").asInt(0),
        info.path("MemTotal").asLong(0),
        EngineApi.text(info, "ServerVersion"),
        api,
        EngineApi.text(info, "DockerRootDir"),
        info.path("Containers").asInt(0),
        info.path("ContainersRunning").asInt(0),
        info.path("ContainersPaused").asInt(0),
        info.path("ContainersStopped").asInt(0),
        info.path("Images").asInt(0),
        recentDiskUsage());
  }

  /**
   * Docker's disk usage, at most {@link #DISK_USAGE_MAX_AGE_NANOS} old; when Docker cannot answer
   * it (another disk usage walk running, from a user's {@code docker system df} or a second agent
   * on the same engine), the last one known, or null: the host facts do not fail for it.
   */
  synchronized HostInfo.DiskUsage recentDiskUsage() {
    long now = System.nanoTime();
    if (lastDiskUsage != null && now - lastDiskUsageAt < DISK_USAGE_MAX_AGE_NANOS) {
      return lastDiskUsage;
    }
    try {
      lastDiskUsage = diskUsage();
      lastDiskUsageAt = now;
    } catch (ApiException e) {
      Log.debugf("docker disk usage not available now: %s", e.getMessage());
    }
    return lastDiskUsage;
  }

  /** {@code GET /system/df}: docker-java has no command for it, so the raw Engine call. */
  HostInfo.DiskUsage diskUsage() {
    JsonNode df = engine.get("host", "/system/df");
    long images = 0;
    long reclaimable = 0;
    for (JsonNode i : df.path("Images")) {
      long size = i.path("Size").asLong() - Math.max(0, i.path("SharedSize").asLong());
      images += Math.max(0, size);
      if (i.path("Containers").asLong() == 0) {
        reclaimable += Math.max(0, size);
      }
    }
    long layers = df.path("LayersSize").asLong(0);
    long containers = 0;
    for (JsonNode c : df.path("Containers")) {
      containers += c.path("SizeRw").asLong();
    }
    long volumes = 0;
    for (JsonNode v : df.path("Volumes")) {
      volumes += Math.max(0, v.path("UsageData").path("Size").asLong());
    }
    long build = 0;
    for (JsonNode b : df.path("BuildCache")) {
      build += b.path("Size").asLong();
    }
    return new HostInfo.DiskUsage(
        layers > 0 ? layers : images, containers, volumes, build, reclaimable);
  }
}
