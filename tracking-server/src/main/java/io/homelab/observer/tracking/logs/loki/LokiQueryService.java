package io.homelab.observer.tracking.logs.loki;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.logs.LogEntry;
import io.homelab.observer.tracking.logs.search.TimeParam;
import io.homelab.observer.tracking.logs.store.LogIds;
import io.homelab.observer.tracking.logs.store.LogStore;
import io.homelab.observer.tracking.logs.store.LogStream;
import io.homelab.observer.tracking.logs.store.StreamStore;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Answers the Loki query API subset ({@link LogQl}) from the log store: streams are chosen by their
 * labels (host and service count as labels), line filters run on the lines read, metric queries
 * count per step. Results are Loki's JSON ({@code streams} or {@code matrix}).
 */
@Singleton
public class LokiQueryService {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 5000;

  /** Lines read at most per log query with line filters (a rare filter over a huge range). */
  static final int MAX_SCAN = 200_000;

  static final int MAX_POINTS = 11_000;

  private final StreamStore streams;
  private final LogStore store;

  public LokiQueryService(StreamStore streams, LogStore store) {
    this.streams = streams;
    this.store = store;
  }

  /** A stream's labels as Loki shows them: its labels plus host and service. */
  static Map<String, String> lokiLabels(String host, String service, Map<String, String> labels) {
    Map<String, String> out = new TreeMap<>(labels);
    out.put("host", host);
    out.put("service", service);
    return out;
  }

  /** Every label name. */
  public List<String> labels() {
    TreeSet<String> names = new TreeSet<>();
    for (LogStream s : streams.all()) {
      names.addAll(lokiLabels(s.host(), s.service(), s.labels()).keySet());
    }
    return List.copyOf(names);
  }

  /** Every value of one label. */
  public List<String> values(String name) {
    TreeSet<String> values = new TreeSet<>();
    for (LogStream s : streams.all()) {
      String v = lokiLabels(s.host(), s.service(), s.labels()).get(name);
      if (v != null) {
        values.add(v);
      }
    }
    return List.copyOf(values);
  }

  /** {@code query_range}: the Loki {@code data} object. */
  public Map<String, Object> queryRange(
      String query, String start, String end, Integer limit, String direction, String step) {
    LogQl.Query q = LogQl.parse(query);
    long endMs = time("end", end, System.currentTimeMillis());
    long startMs = time("start", start, endMs - 3_600_000L);
    if (startMs > endMs) {
      throw MlflowException.invalid("start is after end");
    }
    List<LogStream> chosen = new ArrayList<>();
    for (LogStream s : streams.all()) {
      Map<String, String> l = lokiLabels(s.host(), s.service(), s.labels());
      if (q.selector().stream().allMatch(m -> m.test(l.get(m.name())))) {
        chosen.add(s);
      }
    }
    Map<String, Object> data = new LinkedHashMap<>();
    if (q.function() == null) {
      data.put("resultType", "streams");
      data.put("result", logs(q, chosen, startMs, endMs, limit, direction));
    } else {
      data.put("resultType", "matrix");
      data.put("result", matrix(q, chosen, startMs, endMs, step));
    }
    data.put("stats", Map.of());
    return data;
  }

  /**
   * {@code query}: a log query returns the streams of the hour before {@code time}; a metric query
   * the vector of its values at {@code time} (rounded down to a whole second).
   */
  public Map<String, Object> query(String query, String time, Integer limit, String direction) {
    LogQl.Query q = LogQl.parse(query);
    long at = time("time", time, System.currentTimeMillis()) / 1000 * 1000;
    if (q.function() == null) {
      return queryRange(query, (at - 3_600_000L) + "000000", at + "000000", limit, direction, null);
    }
    Map<String, Object> range =
        queryRange(query, Long.toString(at / 1000), Long.toString(at / 1000), null, null, "1");
    List<Map<String, Object>> vector = new ArrayList<>();
    for (Object o : (List<?>) range.get("result")) {
      Map<?, ?> series = (Map<?, ?>) o;
      List<?> values = (List<?>) series.get("values");
      vector.add(Map.of("metric", series.get("metric"), "value", values.get(values.size() - 1)));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("resultType", "vector");
    data.put("result", vector);
    data.put("stats", Map.of());
    return data;
  }

  private List<Map<String, Object>> logs(
      LogQl.Query q, List<LogStream> chosen, long startMs, long endMs, Integer limit, String dir) {
    int n = limit == null ? DEFAULT_LIMIT : limit;
    if (n < 1 || n > MAX_LIMIT) {
      throw MlflowException.invalid("limit must be between 1 and " + MAX_LIMIT);
    }
    boolean forward = "forward".equalsIgnoreCase(dir);
    List<Long> ids = chosen.stream().map(LogStream::id).toList();
    long min = LogIds.firstOf(startMs);
    long max = LogIds.lastOf(endMs);
    Map<Long, List<List<String>>> byStream = new LinkedHashMap<>();
    int found = 0;
    int scanned = 0;
    while (found < n && scanned < MAX_SCAN) {
      List<LogEntry> page = store.ofStreams(ids, min, max, 1000, forward);
      for (LogEntry e : page) {
        if (found < n && q.filters().stream().allMatch(f -> f.test(e.message()))) {
          byStream
              .computeIfAbsent(streamOf(chosen, e), k -> new ArrayList<>())
              .add(List.of(Long.toString(e.timestamp() * 1_000_000L), e.message()));
          found++;
        }
      }
      scanned += page.size();
      if (page.size() < 1000) {
        break;
      }
      long last = page.get(page.size() - 1).id();
      if (forward) {
        min = last + 1;
      } else {
        max = last - 1;
      }
    }
    Map<Long, LogStream> byId = new HashMap<>();
    chosen.forEach(s -> byId.put(s.id(), s));
    List<Map<String, Object>> result = new ArrayList<>();
    byStream.forEach(
        (id, values) -> {
          LogStream s = byId.get(id);
          result.add(
              Map.of("stream", lokiLabels(s.host(), s.service(), s.labels()), "values", values));
        });
    return result;
  }

  /** The id of an entry's stream among the chosen ones (entries carry the stream's fields). */
  private long streamOf(List<LogStream> chosen, LogEntry e) {
    String key = streams.key(e.host(), e.service(), e.labels());
    return streams.cached(key).map(LogStream::id).orElse(-1L);
  }

  private List<Map<String, Object>> matrix(
      LogQl.Query q, List<LogStream> chosen, long startMs, long endMs, String stepParam) {
    long range = q.range().toMillis();
    long step =
        stepParam == null || stepParam.isBlank()
            ? Math.max(1000, (endMs - startMs) / 250 / 1000 * 1000)
            : stepMs(stepParam);
    if (range <= 0 || step <= 0 || (endMs - startMs) / step > MAX_POINTS) {
      throw MlflowException.invalid(
          "range and step must be positive, at most " + MAX_POINTS + " points");
    }
    long width = gcd(step, range);
    long first = Math.floorDiv(startMs + step - 1, step) * step;
    long from = first - range + 1;
    if ((endMs - from) / width > 1_000_000) {
      throw MlflowException.invalid("step and range too fine for this time span");
    }
    // Fine counts per stream and bucket of `width` ms; every output point sums its range's buckets.
    Map<Long, Map<Long, Long>> fine;
    List<Long> ids = chosen.stream().map(LogStream::id).toList();
    if (q.filters().isEmpty()) {
      fine = store.countsByStream(ids, LogIds.firstOf(from), LogIds.lastOf(endMs), width);
    } else {
      fine = new HashMap<>();
      long max = LogIds.lastOf(endMs);
      int scanned = 0;
      while (scanned < MAX_SCAN * 5) {
        List<LogEntry> page = store.ofStreams(ids, LogIds.firstOf(from), max, 5000, false);
        for (LogEntry e : page) {
          if (q.filters().stream().allMatch(f -> f.test(e.message()))) {
            fine.computeIfAbsent(streamOf(chosen, e), k -> new TreeMap<>())
                .merge(Math.floorDiv(e.timestamp() - 1, width), 1L, Long::sum);
          }
        }
        scanned += page.size();
        if (page.size() < 5000) {
          break;
        }
        max = page.get(page.size() - 1).id() - 1;
      }
    }
    Map<Map<String, String>, TreeMap<Long, Double>> series = new LinkedHashMap<>();
    for (LogStream s : chosen) {
      Map<Long, Long> counts = fine.get(s.id());
      if (counts == null || counts.isEmpty()) {
        continue;
      }
      Map<String, String> all = lokiLabels(s.host(), s.service(), s.labels());
      Map<String, String> key = new TreeMap<>();
      if (q.sum()) {
        q.by()
            .forEach(
                l -> {
                  if (all.containsKey(l)) {
                    key.put(l, all.get(l));
                  }
                });
      } else {
        key.putAll(all);
      }
      TreeMap<Long, Double> points = series.computeIfAbsent(key, k -> new TreeMap<>());
      for (long t = first; t <= endMs; t += step) {
        long total = 0;
        // Bucket k holds (k * width, (k + 1) * width]; t and range are multiples of width.
        for (long b = Math.floorDiv(t - range, width); b < Math.floorDiv(t, width); b++) {
          total += counts.getOrDefault(b, 0L);
        }
        if (total > 0) {
          double v = q.function().equals("rate") ? total / (range / 1000.0) : total;
          points.merge(t, v, Double::sum);
        }
      }
    }
    List<Map<String, Object>> result = new ArrayList<>();
    series.forEach(
        (labels, points) -> {
          List<List<Object>> values = new ArrayList<>();
          points.forEach(
              (t, v) ->
                  values.add(
                      List.of(
                          BigDecimal.valueOf(t).movePointLeft(3),
                          BigDecimal.valueOf(v).stripTrailingZeros().toPlainString())));
          if (!values.isEmpty()) {
            result.add(Map.of("metric", labels, "values", values));
          }
        });
    return result;
  }

  /** Loki times: RFC 3339, float seconds, or integer seconds / nanoseconds. */
  static long time(String name, String value, long fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim();
    try {
      if (v.contains("T")) {
        return Instant.parse(v).toEpochMilli();
      }
      if (v.contains(".")) {
        return new BigDecimal(v).movePointRight(3).longValue();
      }
      long n = Long.parseLong(v);
      return v.length() >= 16 ? n / 1_000_000L : n * 1000L;
    } catch (RuntimeException e) {
      throw MlflowException.invalid(name + "=" + value + " is not a time");
    }
  }

  static long stepMs(String step) {
    String v = step.trim();
    if (v.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      try {
        return new BigDecimal(v).movePointRight(3).longValue();
      } catch (NumberFormatException e) {
        throw MlflowException.invalid("step=" + step + " is not a duration");
      }
    }
    return TimeParam.duration("step", v).toMillis();
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
