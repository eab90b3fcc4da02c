package io.homelab.observer.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.controller.metrics.tsdb.LabelMatcher;
import io.homelab.observer.controller.metrics.tsdb.SeriesSamples;
import io.homelab.observer.controller.metrics.tsdb.TsdbEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a process in the middle of ingesting (including head cuts into blocks every 10
 * simulated minutes), then a restart on the same directory: every batch the store acknowledged
 * before the kill is there (a kill -9 loses nothing the WAL had handed to the operating system).
 */
class KillDuringIngestTest {

  @Test
  void acknowledgedSamplesSurviveKill9() throws Exception {
    Path dir = Files.createTempDirectory("tsdb-kill");
    long t0 = 1_700_000_000_000L;
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                IngestProcess.class.getName(),
                dir.toString(),
                Long.toString(t0))
            .redirectErrorStream(true)
            .start();
    long lastAcked = -1;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
        if (line.startsWith("acked ")) {
          lastAcked = Long.parseLong(line.substring(6));
          if (lastAcked >= t0 + 3_000_000) { // past 50 simulated minutes: several cuts happened
            p.destroyForcibly(); // SIGKILL
            break;
          }
        }
      }
    }
    p.waitFor();
    assertThat(lastAcked).isGreaterThanOrEqualTo(t0 + 3_000_000);
    try (TsdbEngine e =
        new TsdbEngine(
            TsdbEngineTest.settings(dir, Duration.ofMinutes(10)), System::currentTimeMillis)) {
      List<SeriesSamples> got =
          e.select(
              List.of(LabelMatcher.of(LabelMatcher.Type.EQ, "__name__", "kill_test")),
              0,
              Long.MAX_VALUE);
      assertThat(got).hasSize(100);
      long expected = (lastAcked - t0) / 1000 + 1;
      for (SeriesSamples s : got) {
        assertThat(s.size()).isGreaterThanOrEqualTo((int) expected);
        assertThat(s.times()[0]).isEqualTo(t0);
        for (int k = 1; k < s.size(); k++) {
          assertThat(s.times()[k] - s.times()[k - 1]).isEqualTo(1000); // no gap, no duplicate
        }
      }
      assertThat(e.stats().blocks()).isPositive();
    }
  }
}
