package io.homelab.observer.tracking.logs.ingest;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.logs.LogEntry;
import io.homelab.observer.tracking.logs.LogLine;
import io.homelab.observer.tracking.logs.store.LogStore;
import io.homelab.observer.tracking.logs.tail.LogTail;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way lines get in, shared by the JSON API, the Loki push API and the syslog listener:
 * store the batch (at most once per batch id), then hand the stored entries to live tails and to
 * whoever observes {@link Stored} (the MLflow view of logs).
 */
@Singleton
public class LogIngestService {

  static final int MAX_BATCH_ID = 200;

  private final LogStore store;
  private final LogTail tail;
  private final Event<Stored> stored;

  public LogIngestService(LogStore store, LogTail tail, Event<Stored> stored) {
    this.store = store;
    this.tail = tail;
    this.stored = stored;
  }

  /** Entries that were just committed. */
  public record Stored(List<LogEntry> entries) {}

  /** Checks and stores the entries of a JSON request. */
  public IngestRequest.Result ingest(IngestRequest request) {
    if (request.entries() == null) {
      throw MlflowException.missing("entries");
    }
    if (request.entries().size() > LineRules.MAX_ENTRIES) {
      throw MlflowException.invalid(
          "entries has " + request.entries().size() + " items; at most " + LineRules.MAX_ENTRIES);
    }
    String batchId = request.batchId();
    checkBatchId(batchId);
    List<LogLine> lines = new ArrayList<>(request.entries().size());
    for (int i = 0; i < request.entries().size(); i++) {
      IngestRequest.Entry e = request.entries().get(i);
      String where = "entries[" + i + "]";
      if (e == null) {
        throw MlflowException.invalid(where + " is null");
      }
      lines.add(
          LineRules.line(
              where, e.timestamp(), e.host(), e.service(), e.level(), e.message(), e.labels()));
    }
    return ingest(lines, batchId);
  }

  /**
   * Stores lines already checked by {@link LineRules} under a sender's batch id (checked here; may
   * be null).
   */
  public IngestRequest.Result ingestChecked(List<LogLine> lines, String batchId) {
    checkBatchId(batchId);
    return ingest(lines, batchId);
  }

  private static void checkBatchId(String batchId) {
    if (batchId != null && (batchId.isBlank() || batchId.length() > MAX_BATCH_ID)) {
      throw MlflowException.invalid("batch_id must have 1 to " + MAX_BATCH_ID + " characters");
    }
  }

  /** Stores checked lines; {@code batchId} may be null (no de-duplication). */
  public IngestRequest.Result ingest(List<LogLine> lines, String batchId) {
    if (lines.isEmpty()) {
      return new IngestRequest.Result(0, false);
    }
    LogStore.Inserted done = store.insert(lines, batchId);
    if (done.duplicate()) {
      return new IngestRequest.Result(0, true);
    }
    tail.publish(done.entries());
    stored.fire(new Stored(done.entries()));
    return new IngestRequest.Result(done.entries().size(), false);
  }
}
