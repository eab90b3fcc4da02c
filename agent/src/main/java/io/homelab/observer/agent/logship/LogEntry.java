package io.homelab.observer.agent.logship;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One log line as the tracking server takes it (docs/agent.md "Log shipping"): {@code timestamp} in
 * epoch milliseconds, {@code level} only when the line shows one.
 */
public record LogEntry(
    long timestamp,
    String host,
    String service,
    @JsonInclude(JsonInclude.Include.NON_NULL) String level,
    String message,
    Map<String, String> labels) {

  public LogEntry {
    labels = Map.copyOf(labels);
  }
}
