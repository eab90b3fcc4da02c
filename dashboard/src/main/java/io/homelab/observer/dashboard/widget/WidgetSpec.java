package io.homelab.observer.dashboard.widget;

import io.homelab.observer.dashboard.config.DashboardConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A widget's props as written in dashboard.yml, with typed getters whose errors name the line. */
public record WidgetSpec(String type, Map<String, Object> props, int line) {

  /** Key under which nested mappings carry their own line number. */
  public static final String LINE_KEY = "__line";

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhd])");

  public String str(String key, String fallback) {
    Object v = props.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof String s)) {
      throw new DashboardConfigException(line, type + ": '" + key + "' must be a single value");
    }
    return s;
  }

  public String required(String key) {
    String v = str(key, null);
    if (v == null || v.isBlank()) {
      throw new DashboardConfigException(line, type + ": '" + key + "' is required");
    }
    return v;
  }

  public int integer(String key, int fallback) {
    String v = str(key, null);
    try {
      return v == null ? fallback : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new DashboardConfigException(
          line, type + ": '" + key + "' must be a whole number, not '" + v + "'");
    }
  }

  public boolean bool(String key, boolean fallback) {
    String v = str(key, null);
    return v == null ? fallback : v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes");
  }

  /** A list of mappings (bookmarks' groups, rss feeds); missing = empty. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> maps(String key) {
    Object v = props.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
      throw new DashboardConfigException(line, type + ": '" + key + "' must be a list of mappings");
    }
    return (List<Map<String, Object>>) list;
  }

  /** A list of single values; missing = empty. */
  public List<String> strings(String key) {
    Object v = props.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (!(v instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw new DashboardConfigException(line, type + ": '" + key + "' must be a list of values");
    }
    return list.stream().map(String.class::cast).toList();
  }

  /** {@code cache}: {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 0} (never reload). */
  public Duration cache(Duration fallback) {
    String v = str("cache", null);
    if (v == null) {
      return fallback;
    }
    if (v.trim().equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(v.trim());
    if (!m.matches()) {
      throw new DashboardConfigException(
          line, type + ": cache '" + v + "' is not like 30s, 5m, 2h or 1d");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    if (d.compareTo(Duration.ofSeconds(2)) < 0) {
      throw new DashboardConfigException(line, type + ": cache must be at least 2s");
    }
    return d;
  }

  /** A value of a nested mapping as text. */
  public static String text(Map<String, Object> map, String key, String fallback) {
    Object v = map.get(key);
    return v instanceof String s ? s : fallback;
  }

  /** Line of a nested mapping, for its own errors. */
  public int lineOf(Map<String, Object> map) {
    return map.get(LINE_KEY) instanceof Integer i ? i : line;
  }
}
