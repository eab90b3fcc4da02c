package io.homelab.observer.common.wire;

import java.util.List;

/** {@code GET /api/containers/{id}/logs} without follow. */
public record ContainerLogs(String id, List<LogLine> lines) {

  public ContainerLogs {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }
}
