package io.homelab.observer.tracking.logs.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/2.0/homelab/logs} (docs/logs.md): an optional batch id that makes a
 * resend harmless, and the entries.
 */
@RegisterForReflection
public record IngestRequest(
    @JsonProperty("batch_id") String batchId, @JsonProperty("entries") List<Entry> entries) {

  /** One entry as a sender writes it; {@code timestamp} in milliseconds since the epoch. */
  @RegisterForReflection
  public record Entry(
      @JsonProperty("timestamp") Long timestamp,
      @JsonProperty("host") String host,
      @JsonProperty("service") String service,
      @JsonProperty("level") String level,
      @JsonProperty("message") String message,
      @JsonProperty("labels") Map<String, String> labels) {}

  /** The answer: entries stored now, and whether the batch id had been stored before. */
  @RegisterForReflection
  public record Result(
      @JsonProperty("accepted") int accepted, @JsonProperty("duplicate") boolean duplicate) {}
}
