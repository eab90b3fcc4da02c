package io.homelab.observer.tracking.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.homelab.observer.tracking.metric.MetricPoints;
import io.homelab.observer.tracking.wire.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log-batch fast path reads the plain body into columns and answers null (the general path) for
 * everything else; LogBatchFastPathTest checks that both paths store and answer the same.
 */
class LogBatchParserTest {

  private final LogBatchParser parser = new LogBatchParser();

  private LogBatchParser.Parsed parse(String body) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String withMetric(String metric) {
    return "{\"run_id\":\"r1\",\"metrics\":[" + metric + "]}";
  }

  @Test
  void plainBodyIsReadIntoColumns() {
    LogBatchParser.Parsed p =
        parse(
            "{\"run_id\":\"r1\",\"metrics\":[{\"key\":\"loss\",\"value\":0.25,\"timestamp\":1700000000000,\"step\":3},"
                + "{\"step\":4,\"timestamp\":7,\"value\":2,\"key\":\"a/b.c d:e-f_g\",\"model_id\":\"m-1\","
                + "\"dataset_name\":\"train\",\"dataset_digest\":null},"
                + "{\"key\":\"x\",\"value\":-1.5e3,\"timestamp\":0}],"
                + "\"params\":[{\"key\":\"lr\",\"value\":\"0.1\"},{\"key\":\"n\",\"value\":null}],"
                + "\"tags\":[{\"value\":\"v\",\"key\":\"t\"}]} \n");
    assertNotNull(p);
    assertEquals("r1", p.runId());
    MetricPoints m = p.metrics();
    assertEquals(3, m.size());
    assertEquals("loss", m.key(0));
    assertEquals(0.25, m.value(0));
    assertEquals(1_700_000_000_000L, m.timestamp(0));
    assertEquals(3, m.step(0));
    assertNull(m.modelId(0));
    assertEquals("a/b.c d:e-f_g", m.key(1));
    assertEquals(2.0, m.value(1));
    assertEquals("m-1", m.modelId(1));
    assertEquals("train", m.datasetName(1));
    assertNull(m.datasetDigest(1));
    assertEquals(-1500.0, m.value(2));
    assertEquals(0, m.step(2), "a missing step is 0, as in MLflow");
    assertEquals(List.of(new KeyValue("lr", "0.1"), new KeyValue("n", null)), p.params());
    assertEquals(List.of(new KeyValue("t", "v")), p.tags());
  }

  @Test
  void runIdAloneIsAnEmptyBatch() {
    LogBatchParser.Parsed p = parse("{\"run_id\":\"r1\"}");
    assertNotNull(p);
    assertEquals(0, p.metrics().size());
    assertEquals(List.of(), p.params());
  }

  @Test
  void everythingElseGoesToTheGeneralPath() {
    List<String> general =
        List.of(
            "",
            "[]",
            "\"{\\\"run_id\\\":\\\"r1\\\"}\"",
            "{\"metrics\":[]}",
            "{\"run_id\":\"\"}",
            "{\"run_id\":31}",
            "{\"run_id\":\"r1\",\"run_uuid\":\"r1\"}",
            "{\"run_id\":\"r1\",\"run_id\":\"r2\"}",
            "{\"run_id\":\"r1\",\"unknown\":1}",
            "{\"run_id\":\"r1\",\"metrics\":null}",
            "{\"run_id\":\"r1\",\"metrics\":{}}",
            "{\"run_id\":\"r1\",\"metrics\":[1]}",
            "{\"run_id\":\"r1\",\"metrics\":[],\"metrics\":[]}",
            "{\"run_id\":\"r1\",\"params\":\"foo\"}",
            "{\"run_id\":\"r1\",\"params\":[{\"key\":1,\"value\":\"v\"}]}",
            "{\"run_id\":\"r1\",\"params\":[{\"value\":\"v\"}]}",
            "{\"run_id\":\"r1\",\"params\":[{\"key\":\"k\",\"value\":2}]}",
            "{\"run_id\":\"r1\",\"tags\":[{\"key\":\"k\",\"value\":\"v\",\"x\":1}]}",
            "{\"run_id\":\"r1\"} trailing",
            "{\"run_id\":\"r1\",\"metrics\":[",
            withMetric("{\"key\":\"m\",\"value\":1}"),
            withMetric("{\"key\":\"m\",\"timestamp\":1}"),
            withMetric("{\"value\":1,\"timestamp\":1}"),
            withMetric("{\"key\":\"m\",\"value\":\"NaN\",\"timestamp\":1}"),
            withMetric("{\"key\":\"m\",\"value\":null,\"timestamp\":1}"),
            withMetric("{\"key\":\"m\",\"value\":true,\"timestamp\":1}"),
            withMetric("{\"key\":\"m\",\"value\":1,\"timestamp\":\"1\"}"),
            withMetric("{\"key\":\"m\",\"value\":1,\"timestamp\":1.5}"),
            withMetric("{\"key\":\"m\",\"value\":1,\"timestamp\":-1}"),
            withMetric("{\"key\":\"m\",\"value\":1,\"timestamp\":99999999999999999999}"),
            withMetric("{\"key\":\"m\",\"value\":1,\"timestamp\":1,\"step\":null}"),
            withMetric("{\"key\":\"m\",\"value\":1,\"timestamp\":1,\"step\":\"2\"}"),
            withMetric("{\"key\":\"m\",\"value\":1,\"timestamp\":1,\"model_id\":5}"),
            withMetric("{\"key\":\"m\",\"value\":1,\"value\":2,\"timestamp\":1}"),
            withMetric("{\"key\":\"m\",\"value\":1,\"timestamp\":1,\"extra\":0}"),
            withMetric("{\"key\":\"../x\",\"value\":1,\"timestamp\":1}"),
            withMetric("{\"key\":\"\",\"value\":1,\"timestamp\":1}"),
            withMetric("{\"key\":\"caf\u00e9\",\"value\":1,\"timestamp\":1}"),
            withMetric("{\"key\":\"m\",\"value\":NaN,\"timestamp\":1}"));
    for (String body : general) {
      assertNull(parse(body), body);
    }
    assertNull(parser.parse(new byte[] {'{', '"', 'r', (byte) 0xff, '"', ':', '1', '}'}));
    // UTF-16 (Jackson would detect it) and a byte-order mark: the general path decodes UTF-8.
    assertNull(parser.parse("{\"run_id\":\"r1\"}".getBytes(StandardCharsets.UTF_16LE)));
    assertNull(parse("\uFEFF{\"run_id\":\"r1\"}"));
  }

  @Test
  void moreThanTheBatchLimitIsLeftToTheGeneralPath() {
    StringBuilder metrics = new StringBuilder();
    for (int i = 0; i <= 1000; i++) {
      metrics
          .append(i == 0 ? "" : ",")
          .append("{\"key\":\"m\",\"value\":1,\"timestamp\":" + i + "}");
    }
    assertNull(parse("{\"run_id\":\"r1\",\"metrics\":[" + metrics + "]}"));
  }
}
