package io.homelab.observer.tracking.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.logs.LogLine;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader of ingest bodies: the plain shape becomes checked lines, with repeated
 * labels and names shared between lines; everything else is left to the general binding (null),
 * whose answers {@code LogsScenario} checks through the API.
 */
class IngestBodyParserTest {

  private static final JsonFactory JSON = new ObjectMapper().getFactory();

  private static IngestBodyParser.Batch parse(String body) {
    return IngestBodyParser.parse(JSON, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsThePlainShapeIntoCheckedLines() {
    IngestBodyParser.Batch batch =
        parse(
            """
            {"batch_id": "agent-1-42", "unknown": {"ignored": [1, 2]},
             "entries": [
              {"timestamp": 1764943200123, "host": "nas", "service": "nginx", "level": "WARNING",
               "message": "upstream timed out \\u00e9", "labels": {"stream": "stderr", "image": "nginx:1"},
               "extra": null},
              {"timestamp": 1764943200124, "host": "nas", "service": "nginx",
               "message": "ERROR: disk full", "labels": {"stream": "stderr", "image": "nginx:1"}},
              {"timestamp": 1764943200125, "host": "nas", "service": "nginx", "level": "info",
               "message": "ok", "labels": {"stream": "stdout", "image": "nginx:1"}},
              {"timestamp": 1764943200126, "host": "pve", "service": "qemu", "message": "no labels"}
             ]}
            """);
    assertThat(batch).isNotNull();
    assertThat(batch.batchId()).isEqualTo("agent-1-42");
    assertThat(batch.lines()).hasSize(4);
    LogLine first = batch.lines().get(0);
    assertThat(first)
        .isEqualTo(
            new LogLine(
                1764943200123L,
                "nas",
                "nginx",
                "warn",
                "upstream timed out \u00e9",
                Map.of("stream", "stderr", "image", "nginx:1")));
    LogLine second = batch.lines().get(1);
    assertThat(second.level()).isEqualTo("error"); // inferred from the message, as LineRules does
    // The same labels and names are the same objects: no map and no strings per repeated line.
    assertThat(second.labels()).isSameAs(first.labels());
    assertThat(second.host()).isSameAs(first.host());
    assertThat(second.service()).isSameAs(first.service());
    assertThat(batch.lines().get(2).labels())
        .isEqualTo(Map.of("stream", "stdout", "image", "nginx:1"));
    assertThat(batch.lines().get(3).labels()).isEmpty();
    assertThat(batch.lines().get(3).host()).isEqualTo("pve");
  }

  @Test
  void labelValuesAreCleanedAsLineRulesCleansThem() {
    IngestBodyParser.Batch batch =
        parse(
            """
            {"entries": [
              {"timestamp": 1, "host": "h", "service": "s", "message": "a", "labels": {"x": null, "y": "a\\u001fb"}},
              {"timestamp": 2, "host": "h", "service": "s", "message": "b", "labels": {"x": null, "y": "a\\u001fb"}},
              {"timestamp": 3, "host": "h", "service": "s", "message": "c", "labels": {"x": "1", "x": "2"}}
            ]}
            """);
    assertThat(batch.batchId()).isNull();
    assertThat(batch.lines().get(0).labels()).isEqualTo(Map.of("x", "", "y", "a\uFFFDb"));
    assertThat(batch.lines().get(1).labels()).isSameAs(batch.lines().get(0).labels());
    assertThat(batch.lines().get(2).labels()).isEqualTo(Map.of("x", "2")); // last one wins
  }

  @Test
  void anythingButThePlainShapeIsLeftToTheGeneralBinding() {
    String ok = "{\"timestamp\": 1, \"host\": \"h\", \"service\": \"s\", \"message\": \"m\"}";
    assertThat(parse("{\"entries\": [" + ok + "]}")).isNotNull();
    // Shapes the general binding coerces or refuses with its own message.
    assertThat(parse("[1, 2]")).isNull();
    assertThat(parse("{\"batch_id\": \"x\"}")).isNull();
    assertThat(parse("{\"entries\": [")).isNull();
    assertThat(parse("{\"entries\": [null]}")).isNull();
    assertThat(parse("{\"entries\": {}}")).isNull();
    assertThat(parse("{\"batch_id\": 7, \"entries\": [" + ok + "]}")).isNull();
    assertThat(parse("{\"entries\": [{\"timestamp\": \"soon\", \"host\": \"h\"}]}")).isNull();
    assertThat(parse("{\"entries\": [{\"timestamp\": 1.5, \"host\": \"h\"}]}")).isNull();
    assertThat(parse("{\"entries\": [{\"timestamp\": 99999999999999999999999}]}")).isNull();
    assertThat(parse("{\"entries\": [" + ok.replace("\"h\"", "5") + "]}")).isNull();
    assertThat(parse("{\"entries\": [" + ok.replace("}", ", \"labels\": [\"a\"]}") + "]}"))
        .isNull();
    // A line that breaks a rule: the general path names it (entries[1].host is missing).
    assertThat(parse("{\"entries\": [" + ok + ", " + ok.replace("\"host\": \"h\", ", "") + "]}"))
        .isNull();
    // Bytes that are not UTF-8: the general path stores U+FFFD.
    byte[] latin1 = ("{\"entries\": [" + ok.replace("\"m\"", "\"caf?\"") + "]}").getBytes();
    latin1[new String(latin1).indexOf('?')] = (byte) 0xE9;
    assertThat(IngestBodyParser.parse(JSON, latin1)).isNull();
  }
}
