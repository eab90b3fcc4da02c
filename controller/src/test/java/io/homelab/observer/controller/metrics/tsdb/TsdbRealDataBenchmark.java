package io.homelab.observer.controller.metrics.tsdb;

import io.homelab.observer.controller.metrics.Sample;
import io.homelab.observer.controller.metrics.scrape.Exposition;
import io.homelab.observer.controller.metrics.scrape.ExpositionParser;
import io.homelab.observer.controller.metrics.scrape.ScrapeClock;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Bytes per sample on real data, ours and Prometheus's, from the same samples
 * (benchmarks/metrics-store-real-data.sh, docs/benchmarks.md). Reads a recording of real scrapes
 * (benchmarks/metrics/record_scrapes.py: the agent's 9100 and node_exporter, every second), gives
 * round i the timestamp {@code T0 + i x 15 s + jitter}, parses every body with the controller's
 * exposition parser, adds {@code up}, {@code scrape_duration_seconds} and {@code
 * scrape_samples_scraped} as our scraper does, and writes the samples into our engine (WAL, head
 * cuts, day merge) and, as OpenMetrics text, through {@code promtool tsdb create-blocks-from
 * openmetrics} into Prometheus's TSDB. Three timestamp modes: the recorded jitter as it was (a
 * scrape started a few ms late keeps those ms), and aligned as Prometheus 2.34+ and our scraper
 * store them (a start within {@value ScrapeClock#TOLERANCE_MILLIS} ms of its schedule gets the
 * scheduled time), and every start on schedule (a floor for a quiet host). Not a unit test: run by
 * name only.
 */
class TsdbRealDataBenchmark {

  /** A UTC midnight, so that the recording's simulated hours fall in one day. */
  private static final long T0 = 1_700_006_400_000L;

  private static final long STEP = 15_000;
  private static final Pattern HEADER =
      Pattern.compile("# scrape scheduled=(\\d+) started=(\\d+) duration_ms=([0-9.]+)");
  private static final Map<String, String> INSTANCES =
      Map.of("agent", "host0:9100", "node_exporter", "host0:9101");

  @Test
  void run() throws Exception {
    Path recording = Path.of(System.getProperty("bench.recording", "missing"));
    if (!Files.isDirectory(recording.resolve("agent"))) {
      throw new IllegalStateException(
          "-Dbench.recording=<dir> must name a recording: " + recording);
    }
    String promtool = System.getenv().getOrDefault("HOMELAB_TEST_PROMTOOL", "/usr/bin/promtool");
    Path dir = Files.createTempDirectory("tsdb-real-data");
    StringBuilder report = new StringBuilder();
    try {
      report.append(describe(recording));
      for (Timestamps mode : Timestamps.values()) {
        report.append(runMode(recording, dir.resolve(mode.name()), mode, promtool));
      }
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.out.print(report);
    Path out = Path.of("target/benchmarks/metrics-store-real-data.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  private record Scrape(long jitterMillis, double durationSeconds, String body) {}

  /** How a recorded scrape's start (its jitter against the schedule) becomes its timestamp. */
  private enum Timestamps {
    /** The recorded jitter as it was. */
    RECORDED,
    /** Starts within the tolerance are stored on schedule, as our scraper and Prometheus do. */
    ALIGNED,
    /** Every start on schedule: what a quiet host's scrapes would mostly look like (a floor). */
    EXACT;

    long jitter(long recorded) {
      return switch (this) {
        case RECORDED -> recorded;
        case ALIGNED -> ScrapeClock.withinTolerance(recorded) ? 0 : recorded;
        case EXACT -> 0;
      };
    }

    String describe() {
      return switch (this) {
        case RECORDED -> "with the recorded jitter";
        case ALIGNED ->
            "aligned (a start within "
                + ScrapeClock.TOLERANCE_MILLIS
                + " ms of schedule stored on schedule)";
        case EXACT -> "all on schedule (the recorded jitter dropped: a floor, not measured timing)";
      };
    }
  }

  private static int rounds(Path recording) throws IOException {
    int max = -1;
    for (String target : INSTANCES.keySet()) {
      try (Stream<Path> s = Files.list(recording.resolve(target))) {
        max =
            Math.max(
                max,
                s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt.gz"))
                    .mapToInt(n -> Integer.parseInt(n.substring(0, 6)))
                    .max()
                    .orElse(-1));
      }
    }
    return max + 1;
  }

  private static Scrape read(Path recording, String target, int seq) throws IOException {
    Path f = recording.resolve(target).resolve(String.format("%06d.txt.gz", seq));
    if (!Files.exists(f)) {
      return null; // a failed scrape: the recorder keeps no body
    }
    String text;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int nl = text.indexOf('\n');
    Matcher m = HEADER.matcher(text.substring(0, nl));
    if (!m.matches()) {
      throw new IllegalStateException("not a recorded scrape: " + f);
    }
    long jitter = Long.parseLong(m.group(2)) - Long.parseLong(m.group(1));
    return new Scrape(jitter, Double.parseDouble(m.group(3)) / 1000, text.substring(nl + 1));
  }

  private static String describe(Path recording) throws IOException {
    int rounds = rounds(recording);
    long zero = 0;
    long within = 0;
    long total = 0;
    long max = 0;
    for (int seq = 0; seq < rounds; seq++) {
      for (String target : INSTANCES.keySet()) {
        Path f = recording.resolve(target).resolve(String.format("%06d.txt.gz", seq));
        if (!Files.exists(f)) {
          continue;
        }
        String head;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
          head = new String(in.readNBytes(120), StandardCharsets.UTF_8).split("\n", 2)[0];
        }
        Matcher m = HEADER.matcher(head);
        if (m.matches()) {
          long j = Math.abs(Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)));
          total++;
          zero += j == 0 ? 1 : 0;
          within += j <= ScrapeClock.TOLERANCE_MILLIS ? 1 : 0;
          max = Math.max(max, j);
        }
      }
    }
    return String.format(
        "recording: %d rounds (1 s apart in real time, stored 15 s apart: %.2f h), %d scrapes;"
            + " scrape start vs schedule: %.1f %% exactly on time, %.1f %% within %d ms, worst %d"
            + " ms%n",
        rounds,
        rounds * STEP / 3_600_000.0,
        total,
        100.0 * zero / total,
        100.0 * within / total,
        ScrapeClock.TOLERANCE_MILLIS,
        max);
  }

  private static String runMode(Path recording, Path dir, Timestamps mode, String promtool)
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
    Path text = dir.resolve("data.om");
    int rounds = rounds(recording);
    long samples = 0;
    Set<SortedMap<String, String>> allSeries = new HashSet<>();
    try (BufferedWriter w =
        new BufferedWriter(Files.newBufferedWriter(text, StandardCharsets.UTF_8), 1 << 20)) {
      for (int seq = 0; seq < rounds; seq++) {
        for (Map.Entry<String, String> target : new TreeMap<>(INSTANCES).entrySet()) {
          Scrape s = read(recording, target.getKey(), seq);
          if (s == null) {
            continue;
          }
          long jitter = mode.jitter(s.jitterMillis());
          long ts = T0 + seq * STEP + jitter;
          now[0] = ts;
          List<Sample> batch = samples(s, target.getValue(), ts);
          for (Sample sample : batch) {
            allSeries.add(sample.labels());
            writeOpenMetrics(w, sample);
          }
          samples += ours.append(batch).size();
        }
        if (seq % 240 == 239) {
          ours.enforceRetention(); // hourly here; every 10 minutes in the controller
        }
      }
      w.write("# EOF\n");
    }
    ours.cut();
    TsdbEngine.Stats asCut = ours.stats();
    now[0] = Math.floorDiv(now[0], 86_400_000L) * 86_400_000L + 86_400_000L;
    ours.enforceRetention(); // the day is over: its blocks are merged into one
    TsdbEngine.Stats merged = ours.stats();
    String breakdown = breakdown(ours);
    ours.close();

    long[] prom2h = promtool(promtool, text, dir.resolve("prom-2h"), "2h");
    long[] prom24h = promtool(promtool, text, dir.resolve("prom-24h"), "24h");
    Files.delete(text);
    return String.format(
        "%n== timestamps %s ==%n"
            + "series %d, samples %d (ours stored %d; Prometheus's blocks hold %d)%n"
            + "bytes/sample, 2 h blocks:  ours %.3f (%d blocks, %d bytes)  Prometheus %.3f (%d"
            + " blocks, %d bytes)  ratio %.2f%n"
            + "bytes/sample, day blocks:  ours %.3f (%d block, %d bytes, day merge)  Prometheus"
            + " %.3f (%d block, %d bytes, --max-block-duration=24h)  ratio %.2f%n"
            + "%s",
        mode.describe(),
        allSeries.size(),
        samples,
        merged.blockSamples(),
        prom24h[2],
        (double) asCut.blockBytes() / asCut.blockSamples(),
        asCut.blocks(),
        asCut.blockBytes(),
        (double) prom2h[1] / prom2h[2],
        prom2h[0],
        prom2h[1],
        ((double) asCut.blockBytes() / asCut.blockSamples()) / ((double) prom2h[1] / prom2h[2]),
        (double) merged.blockBytes() / merged.blockSamples(),
        merged.blocks(),
        merged.blockBytes(),
        (double) prom24h[1] / prom24h[2],
        prom24h[0],
        prom24h[1],
        ((double) merged.blockBytes() / merged.blockSamples()) / ((double) prom24h[1] / prom24h[2]),
        breakdown);
  }

  /** The exposition's samples with the target's labels, plus the three series a scrape adds. */
  private static List<Sample> samples(Scrape s, String instance, long ts) {
    Exposition ex = ExpositionParser.parse(s.body(), false);
    TreeMap<String, String> target = new TreeMap<>();
    target.put("instance", instance);
    target.put("job", "node");
    List<Sample> out = new ArrayList<>();
    Set<SortedMap<String, String>> seen = new HashSet<>();
    for (Exposition.Line line : ex.samples()) {
      TreeMap<String, String> l = new TreeMap<>(line.labels());
      for (Map.Entry<String, String> e : target.entrySet()) {
        String mine = l.get(e.getKey());
        if (mine != null && !mine.isEmpty()) {
          l.put("exported_" + e.getKey(), mine);
        }
        l.put(e.getKey(), e.getValue());
      }
      if (seen.add(l)) {
        out.add(new Sample(l, ts, line.value()));
      }
    }
    out.add(new Sample(with(target, "up"), ts, 1));
    out.add(new Sample(with(target, "scrape_duration_seconds"), ts, s.durationSeconds()));
    out.add(new Sample(with(target, "scrape_samples_scraped"), ts, seen.size()));
    return out;
  }

  private static SortedMap<String, String> with(TreeMap<String, String> target, String name) {
    TreeMap<String, String> l = new TreeMap<>(target);
    l.put("__name__", name);
    return l;
  }

  private static void writeOpenMetrics(BufferedWriter w, Sample s) throws IOException {
    w.write(s.labels().get("__name__"));
    w.write('{');
    boolean first = true;
    for (Map.Entry<String, String> e : s.labels().entrySet()) {
      if (e.getKey().equals("__name__")) {
        continue;
      }
      if (!first) {
        w.write(',');
      }
      first = false;
      w.write(e.getKey());
      w.write("=\"");
      w.write(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"));
      w.write('"');
    }
    w.write("} ");
    double v = s.value();
    w.write(
        Double.isNaN(v)
            ? "NaN"
            : Double.isInfinite(v) ? (v > 0 ? "+Inf" : "-Inf") : Double.toString(v));
    w.write(' ');
    long t = s.timestampMillis();
    w.write(t / 1000 + "." + String.format("%03d", t % 1000));
    w.write('\n');
  }

  /**
   * Where our day block's bytes go: per-series headers (labels, count, times, length), the chunks'
   * timestamps (the chunk re-encoded with every value 0, less the values' one bit each) and the
   * values (the rest), for counters ({@code _total}) and the other series apart; and how many
   * series never change value.
   */
  private static String breakdown(TsdbEngine engine) throws IOException {
    long header = 0;
    long[] ts = new long[2];
    long[] chunk = new long[2];
    long[] n = new long[2];
    int constant = 0;
    int series = 0;
    long formatOne = 0;
    for (Block b : engine.blocks) {
      for (Block.Entry e : b.entries) {
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        LabelsCodec.write(new DataOutputStream(labels), e.labels());
        header += labels.size() + 4 + 8 + 8 + 4;
        int k = e.labels().get("__name__").endsWith("_total") ? 0 : 1;
        XorChunk times = new XorChunk();
        XorChunk gorilla = new XorChunk(XorChunk.FORMAT_GORILLA);
        double[] firstLast = {Double.NaN, Double.NaN};
        boolean[] changes = {false};
        XorChunk.decode(
            b.read(e),
            e.count(),
            (t, v) -> {
              times.append(t, 0);
              gorilla.append(t, v);
              if (times.count() == 1) {
                firstLast[0] = v;
              } else if (Double.doubleToRawLongBits(v)
                  != Double.doubleToRawLongBits(firstLast[1])) {
                changes[0] = true;
              }
              firstLast[1] = v;
            });
        series++;
        constant += changes[0] ? 0 : 1;
        ts[k] += times.sizeBytes() - 8 - (e.count() - 1) / 8; // less the first value, value bits
        chunk[k] += e.length();
        formatOne += gorilla.sizeBytes() - e.length();
        n[k] += e.count();
      }
    }
    long samples = n[0] + n[1];
    return String.format(
        "ours, day block, bytes/sample by part: series headers and labels %.3f; counters"
            + " (%d samples): timestamps %.3f, values %.3f; other series (%d samples):"
            + " timestamps %.3f, values %.3f; %d of %d series never change value; the same day"
            + " block in chunk format 1 (Prometheus's buckets, before 2026-12-06): %.3f%n",
        (double) header / samples,
        n[0],
        (double) ts[0] / n[0],
        (double) (chunk[0] - ts[0]) / n[0],
        n[1],
        (double) ts[1] / n[1],
        (double) (chunk[1] - ts[1]) / n[1],
        constant,
        series,
        (double) (header + chunk[0] + chunk[1] + formatOne) / samples);
  }

  /** Backfills with promtool; {blocks, bytes of all block files, samples in the blocks}. */
  private static long[] promtool(String promtool, Path text, Path out, String maxBlock)
      throws Exception {
    Process p =
        new ProcessBuilder(
                promtool,
                "tsdb",
                "create-blocks-from",
                "openmetrics",
                "--max-block-duration=" + maxBlock,
                text.toString(),
                out.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("promtool failed: " + log);
    }
    long blocks = 0;
    long bytes = 0;
    long samples = 0;
    Pattern num = Pattern.compile("\"numSamples\":\\s*(\\d+)");
    try (Stream<Path> list = Files.list(out)) {
      for (Path b : list.filter(x -> Files.exists(x.resolve("meta.json"))).toList()) {
        blocks++;
        Matcher m = num.matcher(Files.readString(b.resolve("meta.json")));
        if (m.find()) {
          samples += Long.parseLong(m.group(1));
        }
        try (Stream<Path> walk = Files.walk(b)) {
          for (Path f : walk.filter(Files::isRegularFile).toList()) {
            bytes += Files.size(f);
          }
        }
      }
    }
    return new long[] {blocks, bytes, samples};
  }
}
