package io.homelab.observer.controller.metrics.tsdb;

import io.homelab.observer.controller.fleet.AgentProcess;
import io.homelab.observer.controller.metrics.Sample;
import io.homelab.observer.controller.remotewrite.RemoteWriteBodies;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Resident memory of the packaged controller and of a real Prometheus, each holding the same full 2
 * h head (benchmarks/controller-rss-full-head.sh, docs/benchmarks.md). The ingest is compressed in
 * time: TARGETS x SERIES series at 15 s for the 2 h up to now (480 samples each, spanning just
 * under the block duration, so neither side cuts a block) go through our engine's append path into
 * a data dir's WAL, and the same samples, in time order, into a Prometheus through its remote-write
 * receiver. The packaged controller is then started on that data dir with the JVM flags {@code
 * ./homelab up} gives it (-Dbench.jvm-opts) and replays the WAL into its head. RSS (VmRSS) of both
 * is read after both are up, after a few queries and a minute later. Not a unit test: run by name.
 */
class TsdbFullHeadBenchmark {

  private static final long STEP = 15_000;
  private static final int ROUNDS = 480;
  private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

  @Test
  void run() throws Exception {
    int targets = Integer.getInteger("bench.targets", 20);
    int perTarget = Integer.getInteger("bench.series", 1000);
    String jar = System.getProperty("bench.controller-jar", "target/quarkus-app/quarkus-run.jar");
    String opts = System.getProperty("bench.jvm-opts", "-Xmx128m");
    String prometheus =
        System.getenv().getOrDefault("HOMELAB_TEST_PROMETHEUS", "/usr/bin/prometheus");
    Path dir = Files.createTempDirectory("tsdb-full-head");
    Process prom = null;
    Process controller = null;
    Process empty = null;
    StringBuilder report = new StringBuilder();
    try {
      int promPort = AgentProcess.freePort();
      Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1h\n");
      prom =
          new ProcessBuilder(
                  prometheus,
                  "--config.file=" + dir.resolve("prometheus.yml"),
                  "--storage.tsdb.path=" + dir.resolve("prometheus"),
                  "--web.enable-remote-write-receiver",
                  "--web.listen-address=127.0.0.1:" + promPort)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      HttpClient http = HttpClient.newHttpClient();
      String promUrl = "http://127.0.0.1:" + promPort;
      waitFor(http, promUrl + "/-/ready", null, prom);

      long end = Math.floorDiv(System.currentTimeMillis(), STEP) * STEP;
      long start = end - (ROUNDS - 1) * STEP;
      long t0 = System.nanoTime();
      long headBytes = fill(dir.resolve("data/metrics"), targets, perTarget, start, http, promUrl);
      double fillSeconds = (System.nanoTime() - t0) / 1e9;
      long walBytes = 0;
      try (Stream<Path> s = Files.list(dir.resolve("data/metrics/wal"))) {
        for (Path p : s.toList()) {
          walBytes += Files.size(p);
        }
      }
      report.append(
          String.format(
              "%d targets x %d series, %d samples each at 15 s (%s to %s UTC), %d samples; filled"
                  + " in %.0f s%nour head's chunk bytes %.1f MiB; WAL %.1f MiB%n",
              targets,
              perTarget,
              ROUNDS,
              java.time.Instant.ofEpochMilli(start),
              java.time.Instant.ofEpochMilli(end),
              (long) targets * perTarget * ROUNDS,
              fillSeconds,
              headBytes / 1048576.0,
              walBytes / 1048576.0));

      byte[] secret = new byte[18];
      new java.security.SecureRandom().nextBytes(secret);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(Arrays.asList(opts.trim().split("\\s+")));
      cmd.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString()));
      int port = AgentProcess.freePort();
      long c0 = System.nanoTime();
      controller = startController(cmd, dir.resolve("data"), port, password);
      // The baseline: the same controller, same flags, on an empty data dir.
      int emptyPort = AgentProcess.freePort();
      empty = startController(cmd, dir.resolve("empty"), emptyPort, password);
      String base = "http://127.0.0.1:" + port;
      waitFor(http, base + "/q/health/ready", null, controller);
      double startSeconds = (System.nanoTime() - c0) / 1e9;
      waitFor(http, "http://127.0.0.1:" + emptyPort + "/q/health/ready", null, empty);
      String auth =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
      report.append(
          String.format(
              "controller ready (WAL replayed into the head) %.1f s after start; flags: %s%n",
              startSeconds, opts));
      report.append(rss("all up", controller, empty, prom));
      String series = "count({__name__=~\"bench_.*\"})";
      String depth = "sum(count_over_time(bench_gauge{instance=\"host0:9100\"}[2h]))";
      for (String q : List.of(series, depth)) {
        report.append(
            String.format(
                "%s: ours %s, Prometheus %s%n",
                q, query(http, base, auth, q, end), query(http, promUrl, null, q, end)));
      }
      report.append(rss("after the queries", controller, empty, prom));
      Thread.sleep(60_000);
      report.append(rss("a minute later", controller, empty, prom));
      String promMetrics =
          http.send(
                  HttpRequest.newBuilder(URI.create(promUrl + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      report.append(
          String.format(
              "Prometheus head: %s series, %s chunks; controller heap after a full GC: %s%n",
              metric(promMetrics, "prometheus_tsdb_head_series"),
              metric(promMetrics, "prometheus_tsdb_head_chunks"),
              heapAfterGc(controller.pid())));
    } finally {
      for (Process p : new Process[] {controller, empty, prom}) {
        if (p != null) {
          p.destroy();
          if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
          }
        }
      }
      System.out.print(report);
      Path out = Path.of("target/benchmarks/controller-rss-full-head.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The series of benchmarks/controller-rss.sh (half counters growing by random two-decimal steps,
   * half gauges that change one scrape in ten) into our engine and Prometheus, round by round;
   * returns our head's chunk bytes. Prometheus gets 10 rounds per remote-write request.
   */
  private static long fill(
      Path metrics, int targets, int perTarget, long start, HttpClient http, String promUrl)
      throws Exception {
    long[] now = {start};
    TsdbEngine engine =
        new TsdbEngine(
            new TsdbSettings(
                metrics,
                Duration.ofHours(2),
                134_217_728L,
                Duration.ofDays(15),
                Duration.ofMinutes(5),
                Duration.ofDays(365),
                Duration.ofDays(1)),
            () -> now[0]);
    List<SortedMap<String, String>> labels = new ArrayList<>();
    for (int t = 0; t < targets; t++) {
      for (int k = 0; k < perTarget; k++) {
        TreeMap<String, String> l = new TreeMap<>();
        l.put("__name__", k % 2 == 0 ? "bench_counter_total" : "bench_gauge");
        l.put("cpu", Integer.toString(k % 16));
        l.put("instance", "host" + t + ":9100");
        l.put("job", "static");
        l.put("series", Integer.toString(k));
        labels.add(l);
      }
    }
    double[] values = new double[labels.size()];
    Random r = new Random(42);
    List<Sample> pending = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      long ts = start + round * STEP;
      now[0] = ts;
      List<Sample> batch = new ArrayList<>(labels.size());
      for (int k = 0; k < labels.size(); k++) {
        if (k % 2 == 0) {
          values[k] += Math.round(r.nextDouble() * 1500) / 100.0;
        } else if (r.nextInt(10) == 0) {
          values[k] = r.nextInt(1_000_000);
        }
        batch.add(new Sample(labels.get(k), ts, values[k]));
      }
      if (engine.append(batch).size() != batch.size()) {
        throw new IllegalStateException("our engine refused samples");
      }
      pending.addAll(batch);
      if (round % 10 == 9 || round == ROUNDS - 1) {
        remoteWrite(http, promUrl, pending);
        pending.clear();
      }
    }
    TsdbEngine.Stats st = engine.stats();
    if (st.blocks() != 0) {
      throw new IllegalStateException("the head was cut: " + st);
    }
    engine.close(); // no cut: everything stays in the WAL for the controller to replay
    return st.headBytes();
  }

  private static void remoteWrite(HttpClient http, String promUrl, List<Sample> samples)
      throws Exception {
    // The encoder groups the samples per series, keeping their (time) order.
    List<Sample> ordered = samples;
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(promUrl + "/api/v1/write"))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(RemoteWriteBodies.of(ordered)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("remote write: " + r.statusCode() + " " + r.body());
    }
  }

  private static String query(HttpClient http, String base, String auth, String q, long at)
      throws Exception {
    String url =
        base
            + "/api/v1/query?query="
            + URLEncoder.encode(q, StandardCharsets.UTF_8)
            + (at > 0 ? "&time=" + at / 1000.0 : "");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"value\":\\[[^,\\]]+,\"([^\"]+)\"]").matcher(r.body());
    return r.statusCode() == 200 && m.find() ? m.group(1) : "(" + r.statusCode() + ") " + r.body();
  }

  private static String rss(String when, Process controller, Process empty, Process prom)
      throws IOException {
    return String.format(
        "RSS %s: controller %.1f MiB (the same controller on an empty data dir: %.1f MiB),"
            + " Prometheus %.1f MiB%n",
        when, rssMiB(controller.pid()), rssMiB(empty.pid()), rssMiB(prom.pid()));
  }

  private static Process startController(List<String> cmd, Path dataDir, int port, String password)
      throws IOException {
    Files.createDirectories(dataDir);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dataDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("HOMELAB_CONTROLLER_DATA_DIR", dataDir.toString());
    env.put("HOMELAB_CONTROLLER_ADMIN_PASSWORD", password);
    return pb.start();
  }

  private static String metric(String exposition, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(exposition);
    return m.find() ? m.group(1) : "(absent)";
  }

  /** The heap's used bytes after a full GC, as {@code jcmd GC.heap_info} reports them. */
  private static String heapAfterGc(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    for (String command : List.of("GC.run", "GC.heap_info")) {
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
      if (command.equals("GC.heap_info")) {
        long used = 0;
        long total = 0;
        while (m.find()) {
          total += Long.parseLong(m.group(1));
          used += Long.parseLong(m.group(2));
        }
        return String.format("%.1f MiB used of %.1f MiB committed", used / 1024.0, total / 1024.0);
      }
    }
    return "(unknown)";
  }

  private static double rssMiB(long pid) throws IOException {
    Matcher m = VM_RSS.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
    return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : -1;
  }

  private static void waitFor(HttpClient http, String url, String auth, Process p)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(url + ": the process exited");
      }
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(url + " not ready within 10 minutes");
  }
}
