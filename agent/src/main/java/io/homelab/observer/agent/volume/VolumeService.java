package io.homelab.observer.agent.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.docker.EngineApi;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.VolumeCreateRequest;
import io.homelab.observer.common.wire.VolumeSummary;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Named volumes: list, create, remove. No file browsing, by design (Portainer's host FS hole). */
@Singleton
public class VolumeService {

  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

  private final DockerClient docker;
  private final EngineApi engine;

  public VolumeService(DockerClient docker, EngineApi engine) {
    this.docker = docker;
    this.engine = engine;
  }

  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiException.badRequest("bad volume name: must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
    return name;
  }

  /** The raw Engine list: docker-java's volume model has no {@code CreatedAt} or {@code Scope}. */
  public List<VolumeSummary> list() {
    List<VolumeSummary> out = new ArrayList<>();
    for (JsonNode v : engine.get("volumes", "/volumes").path("Volumes")) {
      out.add(summary(v));
    }
    return out;
  }

  private static VolumeSummary summary(JsonNode v) {
    Map<String, String> labels = new LinkedHashMap<>();
    v.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return new VolumeSummary(
        v.path("Name").asText(),
        v.path("Driver").asText(),
        v.path("Mountpoint").asText(),
        text(v, "CreatedAt"),
        text(v, "Scope"),
        labels);
  }

  private static String text(JsonNode v, String field) {
    JsonNode n = v.get(field);
    return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
  }

  /**
   * Creates a volume with the {@code local} driver (or another named driver) and no driver options:
   * {@code local} options such as {@code type=none,o=bind,device=/} would be a bind mount of any
   * host path in disguise.
   */
  /** Label of every volume this API creates; deploys may mount those (see VolumeAccess). */
  public static final String CREATED_BY_LABEL = "io.homelab.observer.created-by";

  public static final String CREATED_BY_VALUE = "agent";

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
    DockerCalls.run(
        "volume " + name,
        () -> {
          var cmd = docker.createVolumeCmd().withName(name).withDriver(driver);
          Map<String, String> labels = new LinkedHashMap<>();
          if (request.labels() != null) {
            labels.putAll(request.labels());
          }
          // What deploys may mount: volumes made here, not ones other tenants of dockerd made.
          labels.put(CREATED_BY_LABEL, CREATED_BY_VALUE);
          cmd.withLabels(labels);
          return cmd.exec();
        });
    // The create answer lacks CreatedAt and Scope: read the volume back as the list shows it.
    return summary(engine.get("volume " + name, "/volumes/" + name));
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
