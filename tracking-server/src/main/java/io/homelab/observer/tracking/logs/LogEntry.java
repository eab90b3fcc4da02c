package io.homelab.observer.tracking.logs;

import java.util.Map;

/**
 * A stored log line: its id (time-ordered, see {@code store.LogIds}) and the stream it belongs to.
 *
 * @param timestamp milliseconds since the epoch
 */
public record LogEntry(
    long id,
    long timestamp,
    String host,
    String service,
    String level,
    String message,
    Map<String, String> labels) {

  public LogEntry {
    labels = Map.copyOf(labels);
  }
}
