package io.homelab.observer.agent.logship;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.agent.docker.EngineApi;
import java.util.HashMap;
import java.util.Map;

/**
 * What a shipped line says about its container, from {@code GET /containers/{id}/json}: the name
 * (without Docker's leading slash), image, labels and whether it has a TTY (then its log is one raw
 * stream rather than multiplexed frames).
 */
record ContainerMeta(
    String id, String name, String image, boolean tty, Map<String, String> labels) {

  /** Docker Compose's labels: the project and the service within it. */
  static final String COMPOSE_PROJECT = "com.docker.compose.project";

  static final String COMPOSE_SERVICE = "com.docker.compose.service";

  /** The opt-in / opt-out label (docs/agent.md "Log shipping"). */
  static final String LOGS_LABEL = "homelab.logs";

  ContainerMeta {
    labels = Map.copyOf(labels);
  }

  static ContainerMeta of(JsonNode inspect) {
    Map<String, String> labels = new HashMap<>();
    inspect
        .path("Config")
        .path("Labels")
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isNull()) {
                labels.put(e.getKey(), e.getValue().asText());
              }
            });
    return new ContainerMeta(
        inspect.path("Id").asText(),
        trimName(EngineApi.text(inspect, "Name")),
        inspect.path("Config").path("Image").asText(""),
        inspect.path("Config").path("Tty").asBoolean(false),
        labels);
  }

  static String trimName(String name) {
    return name == null ? "" : name.startsWith("/") ? name.substring(1) : name;
  }

  /** Whether this container's lines are shipped in the given mode. */
  boolean shipped(boolean optIn) {
    String v = labels.get(LOGS_LABEL);
    return optIn ? "true".equalsIgnoreCase(v) : !"false".equalsIgnoreCase(v);
  }

  ContainerMeta renamed(String newName) {
    return new ContainerMeta(id, trimName(newName), image, tty, labels);
  }

  /** The entry's {@code service}: the Compose service when there is one, else the name. */
  String service() {
    String s = labels.get(COMPOSE_SERVICE);
    return s == null || s.isEmpty() ? name : s;
  }

  /** The labels of an entry from {@code stream}; Compose labels only when present. */
  Map<String, String> entryLabels(String stream) {
    Map<String, String> out = new HashMap<>();
    out.put("container_id", id);
    out.put("container_name", name);
    out.put("image", image);
    out.put("stream", stream);
    String project = labels.get(COMPOSE_PROJECT);
    if (project != null) {
      out.put("compose_project", project);
    }
    String service = labels.get(COMPOSE_SERVICE);
    if (service != null) {
      out.put("compose_service", service);
    }
    return out;
  }
}
