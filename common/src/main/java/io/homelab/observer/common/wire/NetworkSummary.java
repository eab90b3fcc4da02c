package io.homelab.observer.common.wire;

import java.util.List;
import java.util.Map;

/** One row of {@code GET /api/networks}. */
public record NetworkSummary(
    String id,
    String name,
    String driver,
    String scope,
    boolean internal,
    List<String> subnets,
    int containers,
    Map<String, String> labels) {

  public NetworkSummary {
    subnets = subnets == null ? List.of() : List.copyOf(subnets);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
