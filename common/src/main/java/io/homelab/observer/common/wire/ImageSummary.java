package io.homelab.observer.common.wire;

import java.time.Instant;
import java.util.List;

/** One row of {@code GET /api/images}; {@code containers} counts running and stopped containers. */
public record ImageSummary(
    String id,
    List<String> repoTags,
    List<String> repoDigests,
    Instant created,
    long sizeBytes,
    int containers) {

  public ImageSummary {
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
  }
}
