package io.homelab.observer.tracking.logs.mlflow;

import io.homelab.observer.tracking.logs.Levels;
import io.homelab.observer.tracking.logs.LogEntry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lines, errors and warnings per minute for each (host, service, UTC day), counted as entries are
 * stored and handed out once their minute is over. Counting is a map update under one lock, so the
 * ingest path pays next to nothing for the MLflow view.
 */
final class LogActivity {

  static final long MINUTE_MS = 60_000;
  static final long DAY_MS = 86_400_000;

  /** One run of the MLflow view: a service on a host during one UTC day. */
  record RunKey(String host, String service, String day) {}

  /** Counts of one minute. */
  record Minute(long start, int lines, int errors, int warnings) {}

  /** What a flush writes for one run; {@code image} is the last image label seen, or null. */
  record Pending(RunKey key, String image, long firstTimestamp, List<Minute> minutes) {}

  private static final class Counts {
    final TreeMap<Long, int[]> minutes = new TreeMap<>();
    String image;
    long firstTimestamp = Long.MAX_VALUE;
  }

  private final Map<RunKey, Counts> counts = new HashMap<>();

  // The UTC day of the last entry counted: a batch is nearly always one day, and formatting a date
  // per line was the largest cost of counting.
  private long lastEpochDay = Long.MIN_VALUE;
  private String lastDay;

  synchronized void add(List<LogEntry> entries) {
    // Consecutive entries of one stream and minute (most of a batch) share their run's counts and
    // their minute: looked up once per change, not once per line.
    RunKey key = null;
    Counts c = null;
    long minute = Long.MIN_VALUE;
    int[] m = null;
    for (LogEntry e : entries) {
      String day = day(e.timestamp());
      if (key == null
          || !key.host().equals(e.host())
          || !key.service().equals(e.service())
          || !key.day().equals(day)) {
        key = new RunKey(e.host(), e.service(), day);
        c = counts.computeIfAbsent(key, k -> new Counts());
        m = null;
      }
      long start = Math.floorDiv(e.timestamp(), MINUTE_MS) * MINUTE_MS;
      if (m == null || start != minute) {
        minute = start;
        m = c.minutes.computeIfAbsent(minute, k -> new int[3]);
      }
      m[0]++;
      if (Levels.ERROR.equals(e.level()) || Levels.FATAL.equals(e.level())) {
        m[1]++;
      } else if (Levels.WARN.equals(e.level())) {
        m[2]++;
      }
      c.firstTimestamp = Math.min(c.firstTimestamp, e.timestamp());
      String image = e.labels().get("image");
      if (image != null && !image.isBlank()) {
        c.image = image;
      }
    }
  }

  private String day(long timestampMs) {
    long epochDay = Math.floorDiv(timestampMs, DAY_MS);
    if (epochDay != lastEpochDay) {
      lastDay = LocalDate.ofEpochDay(epochDay).toString();
      lastEpochDay = epochDay;
    }
    return lastDay;
  }

  /**
   * Takes the minutes that ended before {@code nowMs} (all of them when {@code everything}), so
   * each minute is normally written once, complete.
   */
  synchronized List<Pending> drain(long nowMs, boolean everything) {
    List<Pending> out = new ArrayList<>();
    Iterator<Map.Entry<RunKey, Counts>> it = counts.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<RunKey, Counts> entry = it.next();
      Counts c = entry.getValue();
      List<Minute> done = new ArrayList<>();
      Iterator<Map.Entry<Long, int[]>> minutes = c.minutes.entrySet().iterator();
      while (minutes.hasNext()) {
        Map.Entry<Long, int[]> m = minutes.next();
        if (!everything && m.getKey() + MINUTE_MS > nowMs) {
          break;
        }
        int[] v = m.getValue();
        done.add(new Minute(m.getKey(), v[0], v[1], v[2]));
        minutes.remove();
      }
      if (!done.isEmpty()) {
        out.add(new Pending(entry.getKey(), c.image, c.firstTimestamp, done));
      }
      if (c.minutes.isEmpty()) {
        it.remove();
      }
    }
    return out;
  }
}
