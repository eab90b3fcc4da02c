package io.homelab.observer.agent.logship;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /api/2.0/homelab/logs}: {@code batch_id} is {@code <agentId>-<sequence>},
 * so a batch sent again after a lost answer is stored only once by the server.
 */
public record LogBatch(@JsonProperty("batch_id") String batchId, List<LogEntry> entries) {

  public LogBatch {
    entries = List.copyOf(entries);
  }
}
