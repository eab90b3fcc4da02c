package io.homelab.observer.agent.logship;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchStoreTest {

  static final String AGENT = "0123456789abcdef0123456789abcdef";
  final ObjectMapper json = new ObjectMapper();
  @TempDir Path dir;

  static List<LogEntry> lines(int n, String prefix) {
    List<LogEntry> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(new LogEntry(1000L + i, "h", "svc", null, prefix + i, Map.of("stream", "stdout")));
    }
    return out;
  }

  @Test
  void aBatchIsSentAsWrittenUnderTheSameIdAfterARestart() throws Exception {
    BatchStore store = new BatchStore(dir, json, 1 << 20, 5);
    store.append(AGENT, lines(3, "a"), Map.of("c1", new Cursor(7, 2)), List.of());
    BatchStore.Pending first = store.oldest();
    store.release(); // the send failed

    BatchStore reopened = new BatchStore(dir, json, 1 << 20, 99);
    BatchStore.Pending again = reopened.oldest();
    assertThat(again.body()).isEqualTo(first.body());
    JsonNode body = json.readTree(again.body());
    assertThat(body.path("batch_id").asText()).isEqualTo(AGENT + "-1");
    assertThat(body.path("entries")).hasSize(3);
    assertThat(body.path("entries").get(0).has("level")).isFalse();
    assertThat(reopened.floorNanos()).isEqualTo(5); // the first start's, not this one's
    assertThat(reopened.cursors()).containsEntry("c1", new Cursor(7, 2));

    reopened.remove(again.sequence());
    reopened.append(AGENT, lines(1, "b"), Map.of(), List.of());
    assertThat(json.readTree(reopened.oldest().body()).path("batch_id").asText())
        .isEqualTo(AGENT + "-2");
    assertThat(reopened.batches()).isEqualTo(1);
  }

  @Test
  void cursorsInABatchWrittenJustBeforeACrashAreNotLost() throws Exception {
    BatchStore store = new BatchStore(dir, json, 1 << 20, 0);
    store.append(AGENT, lines(1, "a"), Map.of("c1", new Cursor(10, 1)), List.of());
    byte[] stateBefore = Files.readAllBytes(dir.resolve(BatchStore.STATE));
    store.append(AGENT, lines(1, "b"), Map.of("c1", new Cursor(20, 1)), List.of());
    // As if the agent died after the batch file, before state.json.
    Files.write(dir.resolve(BatchStore.STATE), stateBefore);

    BatchStore reopened = new BatchStore(dir, json, 1 << 20, 0);
    assertThat(reopened.cursors()).containsEntry("c1", new Cursor(20, 1));
    assertThat(reopened.batches()).isEqualTo(2);
    reopened.append(AGENT, lines(1, "c"), Map.of(), List.of());
    assertThat(reopened.batches()).isEqualTo(3); // sequence 3, not a reused 2
  }

  @Test
  void whenFullTheOldestBatchIsDroppedAndCounted() throws Exception {
    BatchStore store = new BatchStore(dir, json, 3000, 0);
    int dropped = 0;
    for (int i = 0; i < 10; i++) {
      dropped += store.append(AGENT, lines(5, "batch" + i + "-"), Map.of(), List.of());
    }
    assertThat(store.bytes()).isLessThanOrEqualTo(3000);
    assertThat(dropped).isEqualTo(5 * (10 - store.batches()));
    assertThat(dropped).isPositive();
    // The newest survive.
    assertThat(json.readTree(store.oldest().body()).path("batch_id").asText())
        .isEqualTo(AGENT + "-" + (10 - store.batches() + 1));
  }

  @Test
  void theBatchBeingSentIsNotDroppedUnderIt() throws Exception {
    BatchStore store = new BatchStore(dir, json, 1500, 0);
    store.append(AGENT, lines(5, "a"), Map.of(), List.of());
    BatchStore.Pending sending = store.oldest();
    for (int i = 0; i < 5; i++) {
      store.append(AGENT, lines(5, "b"), Map.of(), List.of());
    }
    store.remove(sending.sequence()); // accepted meanwhile
    assertThat(Files.list(dir.resolve("buffer")).count()).isEqualTo(store.batches());
  }

  @Test
  void cursorSinceIsDockersSecondsDotNanos() {
    assertThat(new Cursor(1_733_400_000_000_000_123L, 1).since()).isEqualTo("1733400000.000000123");
    assertThat(new Cursor(5, 0).after(5)).isEqualTo(new Cursor(5, 1));
    assertThat(new Cursor(5, 1).after(5)).isEqualTo(new Cursor(5, 2));
    assertThat(new Cursor(5, 2).after(6)).isEqualTo(new Cursor(6, 1));
    assertThat(Cursor.max(new Cursor(5, 2), new Cursor(5, 3))).isEqualTo(new Cursor(5, 3));
  }
}
