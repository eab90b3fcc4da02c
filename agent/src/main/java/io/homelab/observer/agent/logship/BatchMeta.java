package io.homelab.observer.agent.logship;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The first line of a buffered batch file: what the batch holds and how far it moved each
 * container's cursor. Written in the same file as the batch, so a crash between writing the batch
 * and {@code state.json} still finds the cursors at the next start.
 */
record BatchMeta(
    @JsonProperty("entries") int entries,
    @JsonProperty("cursors") Map<String, Cursor> cursors,
    @JsonProperty("removed") List<String> removed) {

  BatchMeta {
    cursors = Map.copyOf(cursors);
    removed = List.copyOf(removed);
  }
}
