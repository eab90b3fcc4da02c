package io.homelab.observer.controller.metrics;

import io.homelab.observer.controller.fleet.AgentProcess;
import io.homelab.observer.controller.metrics.promql.PromqlEngine;
import io.homelab.observer.controller.metrics.tsdb.TsdbEngine;
import io.homelab.observer.controller.metrics.tsdb.TsdbSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Side by side with a real Prometheus on the same data (benchmarks/metrics-store-vs-prometheus.sh,
 * docs/benchmarks.md): one target's node-like series at 15 s for N simulated days go into our
 * engine and, as OpenMetrics text, into Prometheus's own TSDB through {@code promtool tsdb
 * create-blocks-from openmetrics} (24 h blocks, as Prometheus's compaction would make them). Then:
 * bytes per sample of the blocks on disk, and the same 24 h and 7 d {@code rate()} range queries at
 * 1-minute step, ours in-process and Prometheus's over HTTP on those blocks, interleaved (median
 * wall time and median process CPU time of 9 runs each after 3 warm-up rounds). Not a unit test:
 * run by name only.
 */
class TsdbVsPrometheusBenchmark {

  private static final long T0 = 1_700_000_000_000L;

  @Test
  void run() throws Exception {
    int series = Integer.getInteger("bench.series", 1000);
    int days = Integer.getInteger("bench.days", 7);
    String prometheus =
        System.getenv().getOrDefault("HOMELAB_TEST_PROMETHEUS", "/usr/bin/prometheus");
    String promtool = System.getenv().getOrDefault("HOMELAB_TEST_PROMTOOL", "/usr/bin/promtool");
    Path dir = Files.createTempDirectory("tsdb-vs-prom");
    try {
      run(series, days, dir, prometheus, promtool);
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void run(int seriesCount, int days, Path dir, String prometheus, String promtool)
      throws Exception {
    long[] now = {T0};
    TsdbEngine ours =
        new TsdbEngine(
            new TsdbSettings(
                dir.resolve("ours"),
                Duration.ofHours(2),
                128 << 20,
                Duration.ofDays(15),
                Duration.ofMinutes(5),
                Duration.ofDays(365),
                Duration.ofDays(1)),
            () -> now[0]);
    List<TreeMap<String, String>> labels = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < seriesCount; k++) {
      TreeMap<String, String> l = new TreeMap<>();
      l.put("__name__", k % 2 == 0 ? "bench_counter_total" : "bench_gauge");
      l.put("instance", "host0:9100");
      l.put("job", "node");
      l.put("series", Integer.toString(k));
      labels.add(l);
      names.add(l.get("__name__") + "{instance=\"host0:9100\",job=\"node\",series=\"" + k + "\"} ");
    }
    double[] values = new double[seriesCount];
    Random r = new Random(42);
    long rounds = Duration.ofDays(days).toMillis() / 15_000;
    Path text = dir.resolve("data.om");
    long samples = 0;
    try (BufferedWriter w =
        new BufferedWriter(Files.newBufferedWriter(text, StandardCharsets.UTF_8), 1 << 20)) {
      List<Sample> batch = new ArrayList<>(seriesCount);
      for (long round = 0; round < rounds; round++) {
        long ts = T0 + round * 15_000 + r.nextInt(20); // a few ms of scrape jitter
        now[0] = ts;
        batch.clear();
        String seconds = String.format("%d.%03d", ts / 1000, ts % 1000);
        for (int k = 0; k < seriesCount; k++) {
          if (k % 2 == 0) {
            values[k] += Math.round(r.nextDouble() * 1500) / 100.0;
          } else if (r.nextInt(10) == 0) {
            values[k] = Math.round(r.nextDouble() * 1e6);
          }
          batch.add(new Sample(labels.get(k), ts, values[k]));
          w.write(names.get(k));
          w.write(Double.toString(values[k]));
          w.write(' ');
          w.write(seconds);
          w.write('\n');
        }
        ours.append(batch);
        samples += seriesCount;
        if (round % 5760 == 5759) {
          ours.enforceRetention();
        }
      }
      w.write("# EOF\n");
    }
    ours.cut();
    ours.enforceRetention();
    TsdbEngine.Stats st = ours.stats();

    Path promData = dir.resolve("prometheus");
    exec(
        List.of(
            promtool,
            "tsdb",
            "create-blocks-from",
            "openmetrics",
            "--max-block-duration=24h",
            text.toString(),
            promData.toString()));
    Files.delete(text);
    long[] promBlocks2h = blockBytes(promData);

    long end = now[0];
    String query = "rate(bench_counter_total{instance=\"host0:9100\"}[5m])";
    PromqlEngine engine = new PromqlEngine((m, a, b) -> ours.select(m, a, b));
    long start7 = end - Math.min(days, 7) * 86_400_000L + 600_000;

    int port = AgentProcess.freePort();
    Process p =
        new ProcessBuilder(
                prometheus,
                "--config.file=" + writeConfig(dir),
                "--storage.tsdb.path=" + promData,
                "--storage.tsdb.retention.time=100y",
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    double[] ours24;
    double[] ours7;
    double[] prom24;
    double[] prom7;
    long[] promBlocks;
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      waitReady(http, base);
      promBlocks = awaitCompaction(promData);
      // Interleaved, so that both sides see the same moments of a shared machine's load.
      List<Runnable> runs =
          List.of(
              () -> engine.range(query, end - 86_400_000L, end, 60_000),
              () -> rangeOverHttp(http, base, query, end - 86_400_000L, end),
              () -> engine.range(query, start7, end, 60_000),
              () -> rangeOverHttp(http, base, query, start7, end));
      List<java.util.function.LongSupplier> cpu =
          List.of(
              TsdbVsPrometheusBenchmark::ownCpuNanos,
              () -> processCpuNanos(p.pid()),
              TsdbVsPrometheusBenchmark::ownCpuNanos,
              () -> processCpuNanos(p.pid()));
      double[][] m = interleavedMedians(runs, cpu);
      ours24 = m[0];
      prom24 = m[1];
      ours7 = m[2];
      prom7 = m[3];
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    String report =
        String.format(
            "series=%d days=%d samples=%d (one target, 15 s, same values in both)%n"
                + "bytes/sample on disk: ours %.3f (%d blocks, %d bytes); Prometheus %.3f as"
                + " promtool wrote them (%d 2 h blocks), %.3f after its compaction (%d blocks,"
                + " %d bytes)%n"
                + "24 h rate() at 1 m step over %d series: ours %.0f ms (in-process; process CPU"
                + " %.0f ms), Prometheus %.0f ms (HTTP; process CPU %.0f ms)%n"
                + "%d d rate() at 1 m step over %d series: ours %.0f ms (in-process; process CPU"
                + " %.0f ms), Prometheus %.0f ms (HTTP; process CPU %.0f ms)%n"
                + "(medians of %d runs of each, interleaved, after %d warm-up runs)%n",
            seriesCount,
            days,
            samples,
            (double) st.blockBytes() / st.blockSamples(),
            st.blocks(),
            st.blockBytes(),
            (double) promBlocks2h[1] / samples,
            promBlocks2h[0],
            (double) promBlocks[1] / samples,
            promBlocks[0],
            promBlocks[1],
            seriesCount / 2,
            ours24[0],
            ours24[1],
            prom24[0],
            prom24[1],
            Math.min(days, 7),
            seriesCount / 2,
            ours7[0],
            ours7[1],
            prom7[0],
            prom7[1],
            RUNS,
            WARM_UP);
    System.out.print(report);
    Path out = Path.of("target/benchmarks/metrics-store-vs-prometheus.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    ours.close();
  }

  /** {blocks, bytes} of Prometheus's block directories (ULID names), WAL and head excluded. */
  private static long[] blockBytes(Path data) throws IOException {
    long blocks = 0;
    long bytes = 0;
    try (Stream<Path> list = Files.list(data)) {
      for (Path b : list.filter(x -> x.getFileName().toString().length() == 26).toList()) {
        if (!Files.exists(b.resolve("meta.json"))) {
          continue; // being written by the compactor
        }
        blocks++;
        try (Stream<Path> walk = Files.walk(b)) {
          for (Path f : walk.filter(Files::isRegularFile).toList()) {
            bytes += Files.size(f);
          }
        }
      }
    }
    return new long[] {blocks, bytes};
  }

  /**
   * Prometheus compacts the 2 h blocks in the background (2 h -> 6 h -> 18 h -> 54 h ...): waits
   * until the block count has not changed for 100 s (its compactor runs every minute).
   */
  private static long[] awaitCompaction(Path data) throws Exception {
    long[] last = blockBytes(data);
    long stableSince = System.nanoTime();
    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    while (System.nanoTime() < deadline) {
      Thread.sleep(5000);
      long[] now = blockBytes(data);
      if (now[0] != last[0]) {
        last = now;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > Duration.ofSeconds(100).toNanos()) {
        return now;
      }
    }
    return blockBytes(data);
  }

  private static Path writeConfig(Path dir) throws IOException {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1h\n");
    return config;
  }

  private static void exec(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command.get(0) + " failed: " + out);
    }
  }

  private static void rangeOverHttp(
      HttpClient http, String base, String query, long startMs, long endMs) {
    String form =
        "query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8)
            + "&start="
            + startMs / 1000.0
            + "&end="
            + endMs / 1000.0
            + "&step=60";
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/query_range"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 || !r.body().contains("\"matrix\"")) {
        throw new IllegalStateException("prometheus answered " + r.statusCode() + ": " + r.body());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void waitReady(HttpClient http, String base) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("prometheus not ready within 120 s");
  }

  private static final int WARM_UP = 3;
  private static final int RUNS = 9;

  /**
   * Runs each of {@code runs} in turn, {@value #WARM_UP} rounds to warm up then {@value #RUNS}
   * measured: per run, the median wall time and the median CPU time its process spent (all its
   * threads, GC included), both in ms. CPU time is the steadier figure on a busy machine.
   */
  private static double[][] interleavedMedians(
      List<Runnable> runs, List<java.util.function.LongSupplier> cpu) {
    double[][] wall = new double[runs.size()][RUNS];
    double[][] used = new double[runs.size()][RUNS];
    for (int round = 0; round < WARM_UP + RUNS; round++) {
      for (int k = 0; k < runs.size(); k++) {
        long c0 = cpu.get(k).getAsLong();
        long t0 = System.nanoTime();
        runs.get(k).run();
        long t1 = System.nanoTime();
        long c1 = cpu.get(k).getAsLong();
        if (round >= WARM_UP) {
          wall[k][round - WARM_UP] = (t1 - t0) / 1e6;
          used[k][round - WARM_UP] = (c1 - c0) / 1e6;
        }
      }
    }
    double[][] out = new double[runs.size()][];
    for (int k = 0; k < runs.size(); k++) {
      Arrays.sort(wall[k]);
      Arrays.sort(used[k]);
      out[k] = new double[] {wall[k][RUNS / 2], used[k][RUNS / 2]};
    }
    return out;
  }

  /** CPU time of this JVM, all threads. */
  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** utime + stime of another process, from /proc (clock ticks of 10 ms). */
  private static long processCpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
