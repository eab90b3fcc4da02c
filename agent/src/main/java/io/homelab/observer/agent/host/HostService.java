package io.homelab.observer.agent.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import io.homelab.observer.agent.docker.EngineApi;
import io.homelab.observer.agent.error.DockerCalls;
import io.homelab.observer.common.wire.HostInfo;
import jakarta.inject.Singleton;

/** Host and engine facts for {@code GET /api/host}, with Docker's disk usage summary. */
@Singleton
public class HostService {

  private final DockerClient docker;
  private final EngineApi engine;

  public HostService(DockerClient docker, EngineApi engine) {
    this.docker = docker;
    this.engine = engine;
  }

  public HostInfo host() {
    Info info = DockerCalls.run("host", () -> docker.infoCmd().exec());
    String api = DockerCalls.run("host", () -> docker.versionCmd().exec().getApiVersion());
    return new HostInfo(
        info.getName(),
        info.getOperatingSystem(),
        info.getOsType(),
        info.getKernelVersion(),
        info.getArchitecture(),
        info.getNCPU() == null ? 0 : info.getNCPU(),
        info.getMemTotal() == null ? 0 : info.getMemTotal(),
        info.getServerVersion(),
        api,
        info.getDockerRootDir(),
        info.getContainers() == null ? 0 : info.getContainers(),
        info.getContainersRunning() == null ? 0 : info.getContainersRunning(),
        info.getContainersPaused() == null ? 0 : info.getContainersPaused(),
        info.getContainersStopped() == null ? 0 : info.getContainersStopped(),
        info.getImages() == null ? 0 : info.getImages(),
        diskUsage());
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
