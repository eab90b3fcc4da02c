package io.homelab.observer.controller.metrics.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.controller.metrics.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The chunk formats: format 2 (written now) round-trips every delta-of-delta bucket's edges, costs
 * less than format 1 on jittered scrape times, and blocks written in format 1 by earlier versions
 * are still read, merged and rolled up (into format 2).
 */
class ChunkFormatTest {

  private static final long T0 = 1_700_006_400_000L; // a UTC midnight

  @Test
  void bothFormatsRoundTripEveryBucketEdge() {
    long[] dods = {
      0,
      1,
      -1,
      63,
      -63,
      64,
      -64,
      65,
      8191,
      -8191,
      8192,
      -8192,
      8193,
      65536,
      -65535,
      65537,
      524287,
      -524287,
      524288,
      -524288,
      524289,
      1L << 40,
      -(1L << 40)
    };
    for (int format : new int[] {XorChunk.FORMAT_GORILLA, XorChunk.FORMAT_SMALL_JITTER}) {
      XorChunk c = new XorChunk(format);
      List<Long> times = new ArrayList<>();
      long t = T0;
      long delta = 15_000;
      for (int round = 0; round < 3; round++) {
        for (long dod : dods) {
          delta += dod;
          t += delta;
          times.add(t);
          c.append(t, times.size());
          delta -= dod; // back, so the next step is again 15 s plus its own delta-of-delta
          t += delta;
          times.add(t);
          c.append(t, times.size());
        }
      }
      List<Long> back = new ArrayList<>();
      XorChunk.decode(c.bytes(), c.count(), format, (tt, v) -> back.add(tt));
      assertThat(back).as("format %d", format).isEqualTo(times);
    }
  }

  @Test
  void scrapeJitterCostsLessInFormatTwo() {
    Random r = new Random(7);
    XorChunk v1 = new XorChunk(XorChunk.FORMAT_GORILLA);
    XorChunk v2 = new XorChunk(XorChunk.FORMAT_SMALL_JITTER);
    for (int i = 0; i < 5760; i++) {
      long t = T0 + i * 15_000L + (r.nextInt(3) == 0 ? r.nextInt(20) : 0); // a third start late
      v1.append(t, 42);
      v2.append(t, 42);
    }
    // Format 1: 16 bits per non-zero delta-of-delta; format 2: 9.
    assertThat((double) v2.sizeBytes() / v1.sizeBytes()).isLessThan(0.65);
    assertThat((double) v2.sizeBytes() / v2.count()).isLessThan(1.0);
  }

  @Test
  void blocksOfFormatOneStayReadableAndAreRewrittenInFormatTwo() throws Exception {
    Path dir = Files.createTempDirectory("tsdb-format");
    Path blocks = dir.resolve("blocks");
    Files.createDirectories(blocks);
    List<Long> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Block.Input> oldBlock1 = new ArrayList<>();
    List<Block.Input> oldBlock2 = new ArrayList<>();
    XorChunk a = new XorChunk(XorChunk.FORMAT_GORILLA);
    XorChunk b = new XorChunk(XorChunk.FORMAT_GORILLA);
    for (int i = 0; i < 960; i++) {
      long t = T0 + i * 15_000L + (i % 3 == 0 ? 4 : 0);
      double v = i * 0.37;
      (i < 480 ? a : b).append(t, v);
      times.add(t);
      values.add(v);
    }
    oldBlock1.add(new Block.Input(labels(), a));
    oldBlock2.add(new Block.Input(labels(), b));
    Block.write(blocks, TsdbEngine.RAW, 0, oldBlock1).close();
    Block.write(blocks, TsdbEngine.RAW, 0, oldBlock2).close();

    long[] now = {T0 + Duration.ofHours(5).toMillis()};
    TsdbEngine e = new TsdbEngine(settings(dir), () -> now[0]);
    assertThat(e.blocks).allSatisfy(x -> assertThat(x.chunkFormat).isEqualTo(1));
    assertSamples(e, times, values);
    // New samples go to the head, then into a format 2 block beside the old ones.
    long next = T0 + 960 * 15_000L;
    e.append(List.of(new Sample(labels(), next, 1.5)));
    times.add(next);
    values.add(1.5);
    e.cut();
    assertSamples(e, times, values);
    // The day is over: all three are merged into one block of format 2, samples unchanged.
    now[0] = T0 + Duration.ofDays(1).toMillis();
    e.enforceRetention();
    assertThat(e.blocks).hasSize(1);
    assertThat(e.blocks.get(0).chunkFormat).isEqualTo(XorChunk.FORMAT_SMALL_JITTER);
    assertSamples(e, times, values);
    e.close();
    // Past the raw retention, old-format blocks roll up too.
    Block.write(blocks, TsdbEngine.RAW, 0, List.of(new Block.Input(labels(), rewrite(a)))).close();
    TsdbEngine later = new TsdbEngine(settings(dir), () -> T0 + Duration.ofDays(40).toMillis());
    later.enforceRetention();
    assertThat(later.blocks).isNotEmpty();
    assertThat(later.blocks).allSatisfy(x -> assertThat(x.resolutionMillis).isEqualTo(300_000));
    later.close();
  }

  /** A format 1 copy of a format 1 chunk with its time moved a day on (a fresh old block). */
  private static XorChunk rewrite(XorChunk old) {
    XorChunk c = new XorChunk(XorChunk.FORMAT_GORILLA);
    XorChunk.decode(
        old.bytes(),
        old.count(),
        XorChunk.FORMAT_GORILLA,
        (t, v) -> c.append(t + Duration.ofDays(2).toMillis(), v));
    return c;
  }

  private static void assertSamples(TsdbEngine e, List<Long> times, List<Double> values) {
    List<SeriesSamples> got =
        e.select(
            List.of(LabelMatcher.of(LabelMatcher.Type.EQ, "__name__", "old")), 0, Long.MAX_VALUE);
    assertThat(got).hasSize(1);
    List<Long> t = new ArrayList<>();
    List<Double> v = new ArrayList<>();
    for (int i = 0; i < got.get(0).size(); i++) {
      t.add(got.get(0).times()[i]);
      v.add(got.get(0).values()[i]);
    }
    assertThat(t).isEqualTo(times);
    assertThat(v).isEqualTo(values);
  }

  private static TreeMap<String, String> labels() {
    TreeMap<String, String> l = new TreeMap<>();
    l.put("__name__", "old");
    l.put("instance", "a");
    return l;
  }

  /** Production-like settings: 2 h blocks, 15 d raw, 5 m roll-ups, day merges. */
  private static TsdbSettings settings(Path dir) {
    return new TsdbSettings(
        dir,
        Duration.ofHours(2),
        64 << 20,
        Duration.ofDays(15),
        Duration.ofMinutes(5),
        Duration.ofDays(365),
        Duration.ofDays(1));
  }
}
