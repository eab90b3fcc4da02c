package io.homelab.observer.agent.logship;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code <data-dir>/logs/state.json}: the next batch sequence number, when shipping was first
 * switched on (epoch nanoseconds; a container with no cursor is read from there), and each followed
 * container's {@link Cursor} as of the last batch written to the buffer.
 */
record ShipState(
    @JsonProperty("next_sequence") long nextSequence,
    @JsonProperty("floor_nanos") long floorNanos,
    @JsonProperty("cursors") Map<String, Cursor> cursors) {

  ShipState {
    cursors = Map.copyOf(cursors);
  }
}
