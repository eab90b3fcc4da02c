package io.homelab.observer.common.wire;

import java.util.Map;

/** One row of {@code GET /api/volumes}; also the answer of a create. */
public record VolumeSummary(
    String name,
    String driver,
    String mountpoint,
    String createdAt,
    String scope,
    Map<String, String> labels) {

  public VolumeSummary {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
