package io.homelab.observer.agent.volume;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import io.homelab.observer.agent.error.ApiException;
import io.homelab.observer.agent.error.DockerCalls;
import io.homelab.observer.common.wire.VolumeCreateRequest;
import io.homelab.observer.common.wire.VolumeSummary;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Named volumes: list, create, remove. No file browsing, by design (Portainer's host FS hole). */
@Singleton
public class VolumeService {

  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

  private final DockerClient docker;

  public VolumeService(DockerClient docker) {
    this.docker = docker;
  }

  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiException.badRequest("bad volume name: must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
    return name;
  }

  public List<VolumeSummary> list() {
    var response = DockerCalls.run("volumes", () -> docker.listVolumesCmd().exec());
    List<VolumeSummary> out = new ArrayList<>();
    if (response.getVolumes() != null) {
      for (InspectVolumeResponse v : response.getVolumes()) {
        out.add(
            new VolumeSummary(
                v.getName(), v.getDriver(), v.getMountpoint(), null, null, v.getLabels()));
      }
    }
    return out;
  }

  /**
   * Creates a volume with the {@code local} driver (or another named driver) and no driver options:
   * {@code local} options such as {@code type=none,o=bind,device=/} would be a bind mount of any
   * host path in disguise.
   */
  public VolumeSummary create(VolumeCreateRequest request) {
    if (request == null) {
      throw ApiException.badRequest("body must be {\"name\",\"driver\"?,\"labels\"?}");
    }
    String name = checkName(request.name());
    String driver =
        request.driver() == null || request.driver().isBlank() ? "local" : request.driver();
    if (!NAME.matcher(driver).matches()) {
      throw ApiException.badRequest("bad driver name");
    }
    var created =
        DockerCalls.run(
            "volume " + name,
            () -> {
              var cmd = docker.createVolumeCmd().withName(name).withDriver(driver);
              if (request.labels() != null) {
                cmd.withLabels(request.labels());
              }
              return cmd.exec();
            });
    return new VolumeSummary(
        created.getName(),
        created.getDriver(),
        created.getMountpoint(),
        null,
        null,
        created.getLabels());
  }

  /** Removes a volume; one still used by a container is Docker's 409. */
  public void remove(String name) {
    checkName(name);
    DockerCalls.run(
        "volume " + name,
        () -> {
          docker.removeVolumeCmd(name).exec();
          return null;
        });
  }
}
