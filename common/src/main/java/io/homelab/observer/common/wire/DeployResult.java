package io.homelab.observer.common.wire;

import java.util.List;

/** A deployed (created and started) container. */
public record DeployResult(String id, String name, String state, List<String> warnings) {

  public DeployResult {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
