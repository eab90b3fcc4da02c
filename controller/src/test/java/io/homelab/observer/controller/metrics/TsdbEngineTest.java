package io.homelab.observer.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.controller.metrics.tsdb.LabelMatcher;
import io.homelab.observer.controller.metrics.tsdb.SeriesSamples;
import io.homelab.observer.controller.metrics.tsdb.TsdbEngine;
import io.homelab.observer.controller.metrics.tsdb.TsdbSettings;
import io.homelab.observer.controller.metrics.tsdb.XorChunk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The store on its own: compression, WAL replay after a crash, cuts, retention over a simulated
 * clock.
 */
class TsdbEngineTest {

  private static final long T0 = 1_700_000_000_000L;

  @Test
  void xorChunkRoundTripsExactlyAndStaysUnderTwoBytesPerSample() {
    XorChunk c = new XorChunk();
    Random r = new Random(1);
    List<long[]> ts = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    double counter = 1e6;
    long t = T0;
    for (int i = 0; i < 5000; i++) {
      t += 15_000 + (r.nextInt(5) - 2); // scrape jitter of a few ms
      counter += r.nextInt(1000);
      c.append(t, counter);
      ts.add(new long[] {t});
      vs.add(counter);
    }
    List<Double> back = new ArrayList<>();
    List<Long> backT = new ArrayList<>();
    XorChunk.decode(
        c.bytes(),
        c.count(),
        (tt, v) -> {
          backT.add(tt);
          back.add(v);
        });
    assertThat(back).isEqualTo(vs);
    for (int i = 0; i < ts.size(); i++) {
      assertThat(backT.get(i)).isEqualTo(ts.get(i)[0]);
    }
    // Random increments leave little to compress (Prometheus's chunks do no better on such data).
    assertThat((double) c.sizeBytes() / c.count()).isLessThan(6.0);
    // A gauge that changes rarely (the common node metric) compresses far below 2 bytes.
    XorChunk g = new XorChunk();
    for (int i = 0; i < 5000; i++) {
      g.append(T0 + i * 15_000L, i % 40 == 0 ? i : (i / 40) * 40);
    }
    assertThat((double) g.sizeBytes() / g.count()).isLessThan(1.0);
    // Negative deltas-of-delta and special values survive.
    XorChunk s = new XorChunk();
    s.append(10, Double.NaN);
    s.append(20_000, Double.POSITIVE_INFINITY);
    s.append(20_001, -0.0);
    s.append(1_000_000_000L, 1e-300);
    List<Double> sv = new ArrayList<>();
    XorChunk.decode(s.bytes(), s.count(), (tt, v) -> sv.add(v));
    assertThat(sv.get(0)).isNaN();
    assertThat(sv.subList(1, 4)).containsExactly(Double.POSITIVE_INFINITY, -0.0, 1e-300);
  }

  @Test
  void xorChunkRoundTripsArbitraryBitsAndEveryTimestampBucket() {
    // The decoder reads whole 64-bit words: values with every XOR width (random raw bits, NaN
    // payloads, infinities), time steps in every delta-of-delta bucket and at each bucket's edges,
    // and chunks of every length up to a few bytes past a word, so reads end at the array's end.
    Random r = new Random(3);
    long[] dods = {0, 1, -1, 8192, -8191, 8193, 65536, -65535, 65537, 524288, -524287, 524289};
    for (int len = 1; len < 300; len += len < 20 ? 1 : 37) {
      XorChunk c = new XorChunk();
      long[] ts = new long[len];
      double[] vs = new double[len];
      long t = T0;
      long delta = 15_000;
      for (int i = 0; i < len; i++) {
        if (i > 0) {
          delta += r.nextInt(4) == 0 ? r.nextLong() >> 20 : dods[r.nextInt(dods.length)];
          delta = Math.max(1, delta);
          t += delta;
        }
        int kind = r.nextInt(5);
        vs[i] =
            kind == 0
                ? Double.longBitsToDouble(r.nextLong())
                : kind == 1
                    ? (i > 0 ? vs[i - 1] : 0)
                    : kind == 2 ? r.nextInt(100) : -r.nextDouble();
        ts[i] = t;
        c.append(t, vs[i]);
      }
      List<Long> backT = new ArrayList<>();
      List<Long> backV = new ArrayList<>();
      XorChunk.decode(
          c.bytes(),
          c.count(),
          (tt, v) -> {
            backT.add(tt);
            backV.add(Double.doubleToRawLongBits(v));
          });
      assertThat(backT).as("times, %d samples", len).hasSize(len);
      for (int i = 0; i < len; i++) {
        assertThat(backT.get(i)).as("time %d of %d", i, len).isEqualTo(ts[i]);
        assertThat(backV.get(i))
            .as("value %d of %d", i, len)
            .isEqualTo(Double.doubleToRawLongBits(vs[i]));
      }
    }
  }

  @Test
  void unclosedEngineIsRecoveredFromTheWal(
      /* as after kill -9: nothing closed, nothing flushed by us */ ) throws Exception {
    Path dir = Files.createTempDirectory("tsdb-wal");
    AtomicLong now = new AtomicLong(T0);
    TsdbEngine a = new TsdbEngine(settings(dir, Duration.ofHours(2)), now::get);
    for (int i = 0; i < 100; i++) {
      a.append(List.of(sample("m", "a", T0 + i * 1000L, i), sample("m", "b", T0 + i * 1000L, -i)));
    }
    // No close(): the second engine must find every appended sample in the WAL.
    TsdbEngine b = new TsdbEngine(settings(dir, Duration.ofHours(2)), now::get);
    List<SeriesSamples> got =
        b.select(
            List.of(LabelMatcher.of(LabelMatcher.Type.EQ, "__name__", "m")), 0, Long.MAX_VALUE);
    assertThat(got).hasSize(2);
    assertThat(got).allSatisfy(s -> assertThat(s.size()).isEqualTo(100));
    // Appends continue after the recovery and refuse what is older than the newest sample.
    assertThat(b.append(List.of(sample("m", "a", T0 + 50_000, 1)))).isEmpty();
    assertThat(b.append(List.of(sample("m", "a", T0 + 200_000, 1)))).hasSize(1);
    b.close();
  }

  @Test
  void cutsBlocksRollsUpAfterRetentionAndDeletesRollupsAfterTheirs() throws Exception {
    Path dir = Files.createTempDirectory("tsdb-retention");
    AtomicLong now = new AtomicLong(T0);
    TsdbSettings s =
        new TsdbSettings(
            dir,
            Duration.ofHours(2),
            64 << 20,
            Duration.ofDays(2),
            Duration.ofMinutes(5),
            Duration.ofDays(10),
            Duration.ofDays(1));
    TsdbEngine e = new TsdbEngine(s, now::get);
    // Three simulated days of one counter and one gauge at 15 s.
    long end = T0 + Duration.ofDays(3).toMillis();
    double c = 0;
    for (long t = T0; t < end; t += 15_000) {
      c += 10;
      e.append(List.of(sample("ctr_total", "x", t, c), sample("gauge", "x", t, (t / 15_000) % 2)));
    }
    e.cut();
    TsdbEngine.Stats before = e.stats();
    assertThat(before.blocks()).isGreaterThan(30);
    double bytesPerSample = (double) before.blockBytes() / before.blockSamples();
    assertThat(bytesPerSample).isLessThan(2.0);
    now.set(end);
    e.enforceRetention();
    TsdbEngine.Stats after = e.stats();
    assertThat(after.blocks()).isLessThan(before.blocks()); // merged per day
    List<LabelMatcher> gauge = List.of(LabelMatcher.of(LabelMatcher.Type.EQ, "__name__", "gauge"));
    // The first day is past the 2-day raw retention: 5-minute averages of the 0/1 gauge.
    SeriesSamples day1 = e.select(gauge, T0, T0 + Duration.ofHours(20).toMillis()).get(0);
    assertThat(day1.times()[1] - day1.times()[0]).isEqualTo(300_000);
    assertThat(day1.values()[3]).isEqualTo(0.5);
    List<LabelMatcher> max =
        List.of(gauge.get(0), LabelMatcher.of(LabelMatcher.Type.EQ, "__rollup__", "max"));
    assertThat(e.select(max, T0, T0 + Duration.ofHours(20).toMillis()).get(0).values()[3])
        .isEqualTo(1.0);
    // The last day is still raw, at 15 s.
    SeriesSamples day3 = e.select(gauge, end - 3_600_000, end).get(0);
    assertThat(day3.times()[1] - day3.times()[0]).isEqualTo(15_000);
    // Roll-ups go after their own retention; so does the series once nothing is left.
    now.set(end + Duration.ofDays(20).toMillis());
    e.enforceRetention();
    assertThat(e.select(gauge, 0, Long.MAX_VALUE)).isEmpty();
    assertThat(e.stats().series()).isZero();
    e.close();
    // Reopening finds the same (empty) state.
    TsdbEngine again = new TsdbEngine(s, now::get);
    assertThat(again.select(gauge, 0, Long.MAX_VALUE)).isEmpty();
    again.close();
  }

  static TsdbSettings settings(Path dir, Duration block) {
    return new TsdbSettings(
        dir,
        block,
        64 << 20,
        Duration.ofDays(15),
        Duration.ofMinutes(5),
        Duration.ofDays(365),
        Duration.ofDays(1));
  }

  static Sample sample(String name, String instance, long t, double v) {
    TreeMap<String, String> l = new TreeMap<>();
    l.put("__name__", name);
    l.put("instance", instance);
    return new Sample(l, t, v);
  }
}
