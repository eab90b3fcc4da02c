package io.homelab.observer.tracking.logs.tail;

import io.homelab.observer.tracking.logs.LogEntry;
import io.homelab.observer.tracking.logs.query.LogMatcher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Live tail: every committed batch is offered to each open tail, which keeps the entries its query
 * matches. A tail that cannot keep up loses entries (they stay searchable); ingestion never waits
 * for a slow reader.
 */
@Singleton
public class LogTail {

  /** Entries a tail may have queued before newer ones are dropped. */
  static final int BUFFER = 10_000;

  private final List<Consumer<List<LogEntry>>> listeners = new CopyOnWriteArrayList<>();

  /** Offers committed entries to the open tails (called by ingestion, after the commit). */
  public void publish(List<LogEntry> entries) {
    for (Consumer<List<LogEntry>> l : listeners) {
      l.accept(entries);
    }
  }

  /** The entries matching {@code matcher} from now on, until the subscriber cancels. */
  public Multi<LogEntry> follow(LogMatcher matcher) {
    return Multi.createFrom()
        .<LogEntry>emitter(
            emitter -> {
              Consumer<List<LogEntry>> listener =
                  batch -> {
                    for (LogEntry e : batch) {
                      if (matcher.matches(e)) {
                        emitter.emit(e);
                      }
                    }
                  };
              listeners.add(listener);
              emitter.onTermination(() -> listeners.remove(listener));
            },
            BackPressureStrategy.BUFFER)
        .onOverflow()
        .buffer(BUFFER)
        .onFailure()
        .recoverWithCompletion();
  }

  /** Open tails (tests, metrics). */
  public int open() {
    return listeners.size();
  }
}
