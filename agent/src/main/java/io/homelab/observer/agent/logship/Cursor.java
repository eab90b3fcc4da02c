package io.homelab.observer.agent.logship;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How far one container's log has been read: the Docker timestamp (epoch nanoseconds) of the last
 * line taken, and how many lines with exactly that timestamp were taken. Docker's {@code since} is
 * inclusive, so a follow reopened at {@code nanos} skips the first {@code count} lines stamped
 * {@code nanos} and nothing else: lines are neither doubled nor lost at the boundary.
 */
public record Cursor(@JsonProperty("nanos") long nanos, @JsonProperty("count") int count) {

  /** Where a line stamped {@code lineNanos} leaves the cursor once taken. */
  Cursor after(long lineNanos) {
    return lineNanos == nanos ? new Cursor(nanos, count + 1) : new Cursor(lineNanos, 1);
  }

  /** The later of two cursors of one container. */
  static Cursor max(Cursor a, Cursor b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.nanos != b.nanos) {
      return a.nanos > b.nanos ? a : b;
    }
    return a.count >= b.count ? a : b;
  }

  /** Docker's {@code since} query value: seconds and nanoseconds. */
  String since() {
    return String.format(
        "%d.%09d", Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
