package io.homelab.observer.tracking.logs.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.tracking.logs.LogLine;
import io.homelab.observer.tracking.logs.ingest.LogIngestService;
import io.homelab.observer.tracking.logs.query.LogQueryParser;
import io.homelab.observer.tracking.logs.store.LogIds;
import io.homelab.observer.tracking.logs.store.LogStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retention per service and the total size cap, applied to a real store. */
@QuarkusTest
@TestProfile(RetentionProfile.class)
class LogRetentionTest {

  static final long HOUR = 3_600_000L;

  @Inject LogIngestService ingest;
  @Inject LogStore store;
  @Inject LogRetention retention;

  int count(String q) {
    return store
        .search(LogQueryParser.parse(q), 0, LogIds.lastOf(LogIds.MAX_TIMESTAMP), 100_000)
        .size();
  }

  LogLine line(long ts, String service, String message) {
    return new LogLine(ts, "h1", service, "info", message, Map.of());
  }

  @Test
  void retentionPerServiceThenSizeCapDropOldestFirst() {
    long now = System.currentTimeMillis();
    ingest.ingest(
        List.of(
            line(now - 3 * HOUR, "short", "short old"),
            line(now - HOUR, "short", "short recent"),
            line(now - 30 * HOUR, "long", "long too old"),
            line(now - 3 * HOUR, "long", "long kept")),
        null);
    assertThat(retention.apply(now)).isEqualTo(2);
    assertThat(count("old")).isZero();
    assertThat(count("recent OR kept")).isEqualTo(2);
    // The deleted entries left the full-text index too: a word only they had finds nothing.
    assertThat(count("too")).isZero();

    // 1,000 lines of ~150 bytes (~200 KB counted) against a 50 KB cap: the oldest go.
    List<LogLine> many = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(line(now - HOUR + i, "bulk", "bulk line " + i + " " + "x".repeat(140)));
    }
    ingest.ingest(many, null);
    retention.apply(now);
    LogStore.Usage usage = store.usage();
    assertThat(usage.textBytes() + usage.entries() * LogRetention.ENTRY_OVERHEAD)
        .isLessThanOrEqualTo(50 * 1024);
    assertThat(count("bulk")).isBetween(200, 300);
    // The newest survive.
    assertThat(count("999")).isEqualTo(1);
    assertThat(count("\"line 0\"")).isZero();
  }
}
