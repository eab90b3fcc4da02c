package io.homelab.observer.controller.metrics.tsdb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The store's housekeeping, run under the engine's write lock: raw blocks past the raw retention
 * become roll-ups, small blocks of a finished period are merged into one (fewer files, less index
 * memory), roll-ups past their retention are deleted.
 */
final class Retention {

  private final TsdbEngine engine;

  Retention(TsdbEngine engine) {
    this.engine = engine;
  }

  void run(long now) throws IOException {
    TsdbSettings s = engine.settings;
    long step = s.rollupResolution().toMillis();
    for (Block b : List.copyOf(engine.blocks)) {
      if (b.resolutionMillis == 0 && b.maxT < now - s.rawRetention().toMillis()) {
        List<Block.Input> rolled = Rollup.of(b, step);
        engine.detach(b);
        engine.attach(Block.write(engine.blockDir, TsdbEngine.ROLLUP, step, rolled));
      }
    }
    for (Block b : List.copyOf(engine.blocks)) {
      if (b.resolutionMillis > 0 && b.maxT < now - s.rollupRetention().toMillis()) {
        engine.detach(b);
      }
    }
    long period = s.compactTo().toMillis();
    merge(0, period, now);
    merge(step, period * 30, now);
    engine.index.removeEmpty();
  }

  /** Merges the blocks of one resolution that fall in the same finished period. */
  private void merge(long resolution, long period, long now) throws IOException {
    Map<Long, List<Block>> byPeriod = new LinkedHashMap<>();
    for (Block b : engine.blocks) {
      long p = Math.floorDiv(b.minT, period);
      if (b.resolutionMillis == resolution
          && Math.floorDiv(b.maxT, period) == p
          && (p + 1) * period <= now) {
        byPeriod.computeIfAbsent(p, k -> new ArrayList<>()).add(b);
      }
    }
    for (List<Block> group : byPeriod.values()) {
      if (group.size() < 2) {
        continue;
      }
      Map<SortedMap<String, String>, XorChunk> merged = new TreeMap<>(Retention::compare);
      for (Block b : group) {
        for (Block.Entry e : b.entries) {
          XorChunk c = merged.computeIfAbsent(e.labels(), k -> new XorChunk());
          b.decode(
              e,
              (t, v) -> {
                if (c.count() == 0 || t > c.maxTime()) {
                  c.append(t, v);
                }
              });
        }
      }
      List<Block.Input> inputs = new ArrayList<>();
      merged.forEach((l, c) -> inputs.add(new Block.Input(l, c)));
      Block out =
          Block.write(
              engine.blockDir,
              resolution == 0 ? TsdbEngine.RAW : TsdbEngine.ROLLUP,
              resolution,
              inputs);
      for (Block b : group) {
        engine.detach(b);
      }
      engine.attach(out);
    }
  }

  private static int compare(SortedMap<String, String> a, SortedMap<String, String> b) {
    return a.toString().compareTo(b.toString());
  }
}
