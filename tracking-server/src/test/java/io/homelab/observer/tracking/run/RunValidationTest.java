package io.homelab.observer.tracking.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.metric.Metric;
import io.homelab.observer.tracking.metric.MetricPoints;
import io.homelab.observer.tracking.run.RunRequests.MetricIn;
import io.homelab.observer.tracking.wire.Validation;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The log-batch fast path for plain metric keys never accepts a key that MLflow's full name rules
 * refuse, and a refused metric still gets MLflow's error with its position in the batch.
 */
class RunValidationTest {

  @Test
  void aPlainKeyIsAlwaysAValidKey() {
    // Random short keys over an alphabet rich in the characters the rules care about.
    String alphabet = "ab./ -:_Z9é\\\t";
    Random random = new Random(42);
    int plain = 0;
    for (int n = 0; n < 200_000; n++) {
      StringBuilder key = new StringBuilder();
      int len = random.nextInt(7);
      for (int i = 0; i < len; i++) {
        key.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String k = key.toString();
      if (RunValidation.plainKey(k)) {
        plain++;
        assertThatCode(() -> Validation.key(k, "metrics[0].name", "Metric"))
            .as("plain key %s", k)
            .doesNotThrowAnyException();
      }
    }
    assertThat(plain).isGreaterThan(1_000); // the property was exercised, not vacuous
  }

  @Test
  void commonKeysArePlainAndOddOnesTakeTheFullCheck() {
    for (String k : List.of("loss", "val/loss", "train.acc", "epoch 1: f1-score", "a/b/c_d")) {
      assertThat(RunValidation.plainKey(k)).as(k).isTrue();
    }
    for (String k :
        List.of(
            "", "/loss", "loss/", "a//b", "./a", "a/./b", "a/..", "..a", "é", "x".repeat(251))) {
      assertThat(RunValidation.plainKey(k)).as(k).isFalse();
    }
  }

  @Test
  void batchKeepsEveryFieldAndMlflowsErrors() {
    MetricIn ok = new MetricIn("val/loss", 0.5, 7L, null, "m-1", "ds", "d1");
    RunValidation.Batch batch = RunValidation.batch(List.of(ok), null, null);
    MetricPoints points = batch.metrics();
    assertThat(points.size()).isEqualTo(1);
    assertThat(
            new Metric(
                points.key(0),
                points.value(0),
                points.timestamp(0),
                points.step(0),
                points.datasetName(0),
                points.datasetDigest(0),
                points.modelId(0),
                null))
        .isEqualTo(new Metric("val/loss", 0.5, 7L, 0L, "ds", "d1", "m-1", null));

    MetricIn badName = new MetricIn("a/../b", 1.0, 1L, 1L, null, null, null);
    assertThatThrownBy(() -> RunValidation.batch(List.of(ok, badName), null, null))
        .isInstanceOf(MlflowException.class)
        .hasMessageContaining("metrics[1].name")
        .hasMessageContaining("would resolve to 'b'");
    MetricIn noTimestamp = new MetricIn("x", 1.0, null, 1L, null, null, null);
    assertThatThrownBy(() -> RunValidation.batch(List.of(noTimestamp), null, null))
        .isInstanceOf(MlflowException.class)
        .hasMessageContaining("metrics[0].timestamp");
  }
}
