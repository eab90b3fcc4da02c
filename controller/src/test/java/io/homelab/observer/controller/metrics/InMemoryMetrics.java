package io.homelab.observer.controller.metrics;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only stand-in for the metrics store and PromQL engine until they are merged: it keeps the
 * latest sample per series and answers the subset of PromQL the alert and monitor tests use, a
 * selector with label matchers ({@code =}, {@code !=}, {@code =~}, {@code !~}) optionally compared
 * with a number ({@code up == 0}, {@code homelab_test_value > 5}). Samples older than 5 minutes are
 * stale, as in Prometheus. Anything else is a {@code bad_data} error. {@code @DefaultBean}: the
 * real beans replace it as soon as they exist.
 */
@DefaultBean
@ApplicationScoped
public class InMemoryMetrics implements SampleSink, MetricsQuery {

  private static final long STALE_MILLIS = 300_000;
  private static final Pattern EXPR =
      Pattern.compile(
          "\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?:\\{([^}]*)})?\\s*(?:(==|!=|>=|<=|>|<)\\s*(-?[0-9.eE+]+))?\\s*");
  private static final Pattern MATCHER =
      Pattern.compile(
          "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

  private final Map<SortedMap<String, String>, Sample> latest = new ConcurrentHashMap<>();
  private final Instance<SampleListener> listeners;

  public InMemoryMetrics(Instance<SampleListener> listeners) {
    this.listeners = listeners;
  }

  @Override
  public void append(List<Sample> samples) {
    for (Sample s : samples) {
      latest.merge(
          new TreeMap<>(s.labels()),
          s,
          (a, b) -> b.timestampMillis() >= a.timestampMillis() ? b : a);
    }
    listeners.forEach(l -> l.onAppended(samples));
  }

  @Override
  public List<Sample> instant(String promql, Instant at) {
    Matcher m = EXPR.matcher(promql);
    if (!m.matches()) {
      throw new QueryException("bad_data", "test store cannot parse: " + promql);
    }
    List<String[]> matchers = new ArrayList<>();
    matchers.add(new String[] {"__name__", "=", m.group(1)});
    if (m.group(2) != null && !m.group(2).isBlank()) {
      Matcher lm = MATCHER.matcher(m.group(2));
      int pos = 0;
      while (lm.find() && lm.start() == pos) {
        matchers.add(new String[] {lm.group(1), lm.group(2), lm.group(3)});
        pos = lm.end();
      }
      if (pos != m.group(2).length()) {
        throw new QueryException("bad_data", "test store cannot parse the matchers of: " + promql);
      }
    }
    long now = at.toEpochMilli();
    List<Sample> out = new ArrayList<>();
    for (Sample s : latest.values()) {
      if (s.timestampMillis() > now || now - s.timestampMillis() > STALE_MILLIS) {
        continue;
      }
      if (!matchers.stream()
          .allMatch(x -> matches(s.labels().getOrDefault(x[0], ""), x[1], x[2]))) {
        continue;
      }
      if (m.group(3) != null && !compare(s.value(), m.group(3), Double.parseDouble(m.group(4)))) {
        continue;
      }
      TreeMap<String, String> labels = new TreeMap<>(s.labels());
      if (m.group(3) != null) {
        labels.remove("__name__"); // a comparison drops the metric name, as in PromQL
      }
      out.add(new Sample(labels, now, s.value()));
    }
    return out;
  }

  private static boolean matches(String actual, String op, String value) {
    return switch (op) {
      case "=" -> actual.equals(value);
      case "!=" -> !actual.equals(value);
      case "=~" -> actual.matches(value);
      default -> !actual.matches(value);
    };
  }

  private static boolean compare(double a, String op, double b) {
    return switch (op) {
      case "==" -> a == b;
      case "!=" -> a != b;
      case ">" -> a > b;
      case "<" -> a < b;
      case ">=" -> a >= b;
      default -> a <= b;
    };
  }
}
