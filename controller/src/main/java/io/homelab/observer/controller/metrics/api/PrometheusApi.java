package io.homelab.observer.controller.metrics.api;

import io.homelab.observer.controller.metrics.QueryException;
import io.homelab.observer.controller.metrics.promql.Json;
import io.homelab.observer.controller.metrics.promql.PromqlEngine;
import io.homelab.observer.controller.metrics.promql.Selectors;
import io.homelab.observer.controller.metrics.promql.StoreQuery;
import io.homelab.observer.controller.metrics.promql.Value;
import io.homelab.observer.controller.metrics.scrape.Exposition;
import io.homelab.observer.controller.metrics.scrape.Scraper;
import io.homelab.observer.controller.metrics.scrape.TargetState;
import io.homelab.observer.controller.metrics.tsdb.LabelMatcher;
import io.homelab.observer.controller.metrics.tsdb.MetricsStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** The answers of Prometheus's HTTP API, as the maps Jackson writes in Prometheus's JSON shapes. */
@ApplicationScoped
public class PrometheusApi {

  private final PromqlEngine engine;
  private final MetricsStore store;
  private final Scraper scraper;

  public PrometheusApi(StoreQuery query, MetricsStore store, Scraper scraper) {
    this.engine = query.engine();
    this.store = store;
    this.scraper = scraper;
  }

  public Map<String, Object> query(String q, String time) {
    long t = ApiParams.time(time, System.currentTimeMillis(), "time");
    Value v = engine.instantValue(q, t);
    Map<String, Object> data = new LinkedHashMap<>();
    if (v instanceof Value.Scalar s) {
      data.put("resultType", "scalar");
      data.put("result", List.of(Json.seconds(t), Json.number(s.value())));
    } else if (v instanceof Value.Str s) {
      data.put("resultType", "string");
      data.put("result", List.of(Json.seconds(t), s.value()));
    } else if (v instanceof Value.Vector vec) {
      data.put("resultType", "vector");
      List<Object> result = new ArrayList<>();
      for (Value.Point p : vec.points()) {
        result.add(
            Map.of(
                "metric", p.labels(), "value", List.of(Json.seconds(t), Json.number(p.value()))));
      }
      data.put("result", result);
    } else {
      data.put("resultType", "matrix");
      data.put("result", matrix((Value.Matrix) v));
    }
    return success(data);
  }

  public Map<String, Object> queryRange(String q, String start, String end, String step) {
    if (start == null || end == null) {
      throw new QueryException(
          "bad_data",
          "invalid parameter \""
              + (start == null ? "start" : "end")
              + "\": cannot parse \"\" to a valid timestamp");
    }
    long s = ApiParams.time(start, 0, "start");
    long e = ApiParams.time(end, 0, "end");
    if (e < s) {
      throw new QueryException(
          "bad_data", "invalid parameter \"end\": end timestamp must not be before start time");
    }
    long st = ApiParams.step(step);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("resultType", "matrix");
    data.put("result", matrix(engine.range(q, s, e, st)));
    return success(data);
  }

  private static List<Object> matrix(Value.Matrix m) {
    List<Object> out = new ArrayList<>();
    for (Value.Series s : m.series()) {
      List<Object> values = new ArrayList<>(s.times().length);
      for (int k = 0; k < s.times().length; k++) {
        values.add(List.of(Json.seconds(s.times()[k]), Json.number(s.values()[k])));
      }
      out.add(Map.of("metric", s.labels(), "values", values));
    }
    return out;
  }

  public Map<String, Object> series(List<String> match, String start, String end) {
    List<String> m = ApiParams.nonEmpty(match);
    if (m.isEmpty()) {
      throw new QueryException("bad_data", "no match[] parameter provided");
    }
    return success(new ArrayList<>(seriesOf(m, start, end)));
  }

  public Map<String, Object> labels(List<String> match, String start, String end) {
    TreeSet<String> names = new TreeSet<>();
    for (SortedMap<String, String> l : seriesOf(defaultMatch(match), start, end)) {
      names.addAll(l.keySet());
    }
    return success(new ArrayList<>(names));
  }

  public Map<String, Object> labelValues(
      String name, List<String> match, String start, String end) {
    if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
      throw new QueryException("bad_data", "invalid label name: \"" + name + "\"");
    }
    TreeSet<String> values = new TreeSet<>();
    for (SortedMap<String, String> l : seriesOf(defaultMatch(match), start, end)) {
      String v = l.get(name);
      if (v != null) {
        values.add(v);
      }
    }
    return success(new ArrayList<>(values));
  }

  private static List<String> defaultMatch(List<String> match) {
    List<String> m = ApiParams.nonEmpty(match);
    return m.isEmpty() ? List.of("{__name__=~\".+\"}") : m;
  }

  private java.util.Collection<SortedMap<String, String>> seriesOf(
      List<String> match, String start, String end) {
    long s = ApiParams.time(start, ApiParams.MIN_TIME, "start");
    long e = ApiParams.time(end, ApiParams.MAX_TIME, "end");
    java.util.Set<SortedMap<String, String>> out = new java.util.LinkedHashSet<>();
    for (String m : match) {
      List<LabelMatcher> matchers = Selectors.parse(m);
      out.addAll(store.engine().series(matchers, s, e));
    }
    return out;
  }

  public Map<String, Object> metadata(String metric, String limit) {
    TreeMap<String, List<Object>> data = new TreeMap<>();
    for (TargetState.View t : scraper.targets()) {
      for (Map.Entry<String, Exposition.Metadata> e : t.metadata().entrySet()) {
        if (metric != null && !metric.isEmpty() && !metric.equals(e.getKey())) {
          continue;
        }
        Exposition.Metadata md = e.getValue();
        Map<String, Object> entry = Map.of("type", md.type(), "help", md.help(), "unit", md.unit());
        List<Object> list = data.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
        if (!list.contains(entry)) {
          list.add(entry);
        }
      }
    }
    if (limit != null && !limit.isEmpty()) {
      int n = Integer.parseInt(limit);
      while (n >= 0 && data.size() > n) {
        data.pollLastEntry();
      }
    }
    return success(data);
  }

  public Map<String, Object> targets(long scrapeIntervalMillis, long timeoutMillis) {
    List<Object> active = new ArrayList<>();
    for (TargetState.View t : scraper.targets()) {
      Map<String, Object> m = new LinkedHashMap<>();
      TreeMap<String, String> discovered = new TreeMap<>(t.target().labels());
      discovered.put("__address__", t.target().instance());
      discovered.put("__metrics_path__", java.net.URI.create(t.target().url()).getPath());
      discovered.put("__scheme__", java.net.URI.create(t.target().url()).getScheme());
      m.put("discoveredLabels", discovered);
      m.put("labels", t.target().labels());
      m.put("scrapePool", t.target().job());
      m.put("scrapeUrl", t.target().url());
      m.put("globalUrl", t.target().url());
      m.put("lastError", t.lastError());
      m.put(
          "lastScrape",
          t.lastScrapeMillis() == 0
              ? "0001-01-01T00:00:00Z"
              : Instant.ofEpochMilli(t.lastScrapeMillis()).toString());
      m.put("lastScrapeDuration", t.lastDurationSeconds());
      m.put("health", t.health());
      m.put("scrapeInterval", (scrapeIntervalMillis / 1000) + "s");
      m.put("scrapeTimeout", (timeoutMillis / 1000) + "s");
      active.add(m);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("activeTargets", active);
    data.put("droppedTargets", List.of());
    return success(data);
  }

  static Map<String, Object> success(Object data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "success");
    m.put("data", data);
    return m;
  }

  static Map<String, Object> error(QueryException e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "error");
    m.put("errorType", e.errorType());
    m.put("error", e.getMessage());
    return m;
  }
}
