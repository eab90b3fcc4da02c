package io.homelab.observer.common.wire;

import java.util.List;

/** What {@code POST /api/images/prune} removed. */
public record PruneResult(List<String> deleted, long reclaimedBytes) {

  public PruneResult {
    deleted = deleted == null ? List.of() : List.copyOf(deleted);
  }
}
