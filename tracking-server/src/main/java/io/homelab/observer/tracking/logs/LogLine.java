package io.homelab.observer.tracking.logs;

import java.util.Map;

/**
 * One log line as every ingest path (JSON API, Loki push, syslog) hands it to the store: already
 * validated, level normalised ({@link Levels}), labels copied.
 *
 * @param timestamp milliseconds since the epoch
 */
public record LogLine(
    long timestamp,
    String host,
    String service,
    String level,
    String message,
    Map<String, String> labels) {

  public LogLine {
    labels = Map.copyOf(labels);
  }
}
