package io.homelab.observer.controller.metrics;

import io.homelab.observer.controller.metrics.promql.PromqlEngine;
import io.homelab.observer.controller.metrics.tsdb.TsdbEngine;
import io.homelab.observer.controller.metrics.tsdb.TsdbSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store benchmark (benchmarks/metrics-store.sh, docs/benchmarks.md): 20 targets x 1,000 series at
 * 15 s, synthetic node-like data (counters growing by CPU-second-like steps, slowly moving gauges),
 * 7 simulated days through the real engine (WAL, cuts, day merges). Reports bytes per sample on
 * disk, CPU time per scrape round, and 24 h / 7 d rate() range queries at 1-minute step over one
 * target's 1,000 series. Not a unit test: run by name only.
 */
class TsdbBenchmark {

  @Test
  void run(@TempDir Path dir) throws Exception { // JUnit deletes the store's directory afterwards
    int targets = Integer.getInteger("bench.targets", 20);
    int perTarget = Integer.getInteger("bench.series", 1000);
    int days = Integer.getInteger("bench.days", 7);
    long t0 = 1_700_000_000_000L;
    AtomicLong now = new AtomicLong(t0);
    TsdbSettings s =
        new TsdbSettings(
            dir,
            Duration.ofHours(2),
            128 << 20,
            Duration.ofDays(15),
            Duration.ofMinutes(5),
            Duration.ofDays(365),
            Duration.ofDays(1));
    TsdbEngine e = new TsdbEngine(s, now::get);
    List<TreeMap<String, String>> labels = new ArrayList<>();
    for (int t = 0; t < targets; t++) {
      for (int k = 0; k < perTarget; k++) {
        TreeMap<String, String> l = new TreeMap<>();
        l.put("__name__", k % 2 == 0 ? "bench_counter_total" : "bench_gauge");
        l.put("instance", "host" + t + ":9100");
        l.put("job", "node");
        l.put("series", Integer.toString(k));
        labels.add(l);
      }
    }
    double[] values = new double[labels.size()];
    Random r = new Random(42);
    long rounds = Duration.ofDays(days).toMillis() / 15_000;
    var threads = ManagementFactory.getThreadMXBean();
    long cpu = 0;
    long measuredRounds = 0;
    for (long round = 0; round < rounds; round++) {
      long ts = t0 + round * 15_000 + r.nextInt(20); // a few ms of scrape jitter
      now.set(ts);
      List<Sample> batch = new ArrayList<>(perTarget);
      for (int t = 0; t < targets; t++) {
        batch.clear();
        for (int k = 0; k < perTarget; k++) {
          int i = t * perTarget + k;
          if (k % 2 == 0) {
            values[i] += Math.round(r.nextDouble() * 1500) / 100.0; // like cpu seconds: 2 decimals
          } else if (r.nextInt(10) == 0) {
            values[i] = Math.round(r.nextDouble() * 1e6); // a gauge that changes now and then
          }
          batch.add(new Sample(labels.get(i), ts, values[i]));
        }
        long c0 = threads.getCurrentThreadCpuTime();
        e.append(batch);
        cpu += threads.getCurrentThreadCpuTime() - c0;
      }
      measuredRounds++;
      if (round % 5760 == 5759) {
        e.enforceRetention();
      }
    }
    e.cut();
    e.enforceRetention();
    TsdbEngine.Stats st = e.stats();
    double cpuPerRoundMs = cpu / 1e6 / measuredRounds;
    PromqlEngine q = new PromqlEngine((m, a, b) -> e.select(m, a, b));
    long end = now.get();
    String query = "rate(bench_counter_total{instance=\"host0:9100\"}[5m])";
    long q0 = System.nanoTime();
    int series24 = q.range(query, end - 86_400_000L, end, 60_000).series().size();
    double ms24 = (System.nanoTime() - q0) / 1e6;
    q0 = System.nanoTime();
    int series7 = q.range(query, end - 7 * 86_400_000L + 600_000, end, 60_000).series().size();
    double ms7 = (System.nanoTime() - q0) / 1e6;
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    String report =
        String.format(
            "targets=%d series=%d days=%d samples=%d%n"
                + "bytes/sample on disk (blocks): %.3f%n"
                + "ingest CPU per 15 s round (all targets): %.1f ms = %.2f %% of one core%n"
                + "24 h rate() at 1 m step over %d series: %.0f ms%n"
                + "7 d rate() at 1 m step over %d series: %.0f ms%n"
                + "heap used after GC with %d series: %.1f MiB%n",
            targets,
            labels.size(),
            days,
            st.blockSamples(),
            (double) st.blockBytes() / st.blockSamples(),
            cpuPerRoundMs,
            cpuPerRoundMs / 15_000 * 100,
            series24,
            ms24,
            series7,
            ms7,
            st.series(),
            heap / 1048576.0);
    System.out.print(report);
    Path out = Path.of("target/benchmarks/metrics-store.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    e.close();
  }
}
