package io.homelab.observer.controller.metrics;

import io.homelab.observer.controller.metrics.tsdb.TsdbEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Run as its own JVM by {@link KillDuringIngestTest}: appends batches of 100 series forever and
 * prints the time of every batch the store acknowledged, until it is killed.
 */
public final class IngestProcess {

  private IngestProcess() {}

  public static void main(String[] args) throws Exception {
    TsdbEngine e =
        new TsdbEngine(
            TsdbEngineTest.settings(Path.of(args[0]), Duration.ofMinutes(10)),
            System::currentTimeMillis);
    long t = Long.parseLong(args[1]);
    while (true) {
      List<Sample> batch = new ArrayList<>();
      for (int s = 0; s < 100; s++) {
        TreeMap<String, String> l = new TreeMap<>();
        l.put("__name__", "kill_test");
        l.put("series", Integer.toString(s));
        batch.add(new Sample(l, t, t));
      }
      e.append(batch);
      System.out.println("acked " + t);
      System.out.flush();
      t += 1000;
    }
  }
}
