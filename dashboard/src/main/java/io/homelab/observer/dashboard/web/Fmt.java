package io.homelab.observer.dashboard.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formatters for templates ({@code {fmt:bytes(x)}}), the equivalent of glance's FuncMap: compact
 * numbers as Grafana shows them.
 */
@TemplateExtension(namespace = "fmt")
public final class Fmt {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Fmt() {}

  static double num(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s && !s.isBlank()) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /** {@code part} as a percentage of {@code whole} (GPU memory used of total); NaN when unknown. */
  static double share(Object part, Object whole) {
    double p = num(part);
    double w = num(whole);
    return Double.isNaN(p) || Double.isNaN(w) || w <= 0 ? Double.NaN : 100.0 * p / w;
  }

  /** {@code 42%}, or an en dash when unknown. */
  static String pct(Object v) {
    double d = num(v);
    return Double.isNaN(d)
        ? "–"
        : (d < 10 ? String.format(Locale.ROOT, "%.1f%%", d) : Math.round(d) + "%");
  }

  /** A 0–100 value clamped for a {@code <meter>} / progress bar. */
  static long bar(Object v) {
    double d = num(v);
    return Double.isNaN(d) ? 0 : Math.max(0, Math.min(100, Math.round(d)));
  }

  /** {@code ok}, {@code warn} (≥ 80) or {@code crit} (≥ 95): the bar colour. */
  static String level(Object v) {
    double d = num(v);
    return Double.isNaN(d) ? "unknown" : d >= 95 ? "crit" : d >= 80 ? "warn" : "ok";
  }

  /** Binary units: {@code 1.5 GiB}. */
  static String bytes(Object v) {
    double d = num(v);
    if (Double.isNaN(d)) {
      return "–";
    }
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int i = 0;
    while (Math.abs(d) >= 1024 && i < units.length - 1) {
      d /= 1024;
      i++;
    }
    return (i == 0
            ? String.valueOf((long) d)
            : String.format(Locale.ROOT, d < 10 ? "%.1f" : "%.0f", d))
        + " "
        + units[i];
  }

  /** Bytes per second as {@code 3.2 MiB/s}. */
  static String rate(Object v) {
    return Double.isNaN(num(v)) ? "–" : bytes(v) + "/s";
  }

  /** Compact number: {@code 1.2k}, {@code 3.4M}, 3 significant digits below. */
  static String compact(Object v) {
    double d = num(v);
    if (Double.isNaN(d)) {
      return v == null ? "–" : v.toString();
    }
    double a = Math.abs(d);
    if (a >= 1e9) return String.format(Locale.ROOT, "%.1fG", d / 1e9);
    if (a >= 1e6) return String.format(Locale.ROOT, "%.1fM", d / 1e6);
    if (a >= 1e4) return String.format(Locale.ROOT, "%.1fk", d / 1e3);
    if (d == Math.rint(d)) return String.valueOf((long) d);
    return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : "%.4g", d);
  }

  /** Seconds as {@code 3d 4h}. */
  static String duration(Object v) {
    double d = num(v);
    if (Double.isNaN(d)) {
      return "–";
    }
    Duration x = Duration.ofSeconds((long) d);
    if (x.toDays() > 0) return x.toDays() + "d " + x.toHoursPart() + "h";
    if (x.toHours() > 0) return x.toHours() + "h " + x.toMinutesPart() + "m";
    if (x.toMinutes() > 0) return x.toMinutes() + "m " + x.toSecondsPart() + "s";
    return x.toSeconds() + "s";
  }

  /** ISO-8601 text or epoch milliseconds as {@code yyyy-MM-dd HH:mm:ss} UTC. */
  static String time(Object v) {
    Instant t = instant(v);
    return t == null ? "–" : TIME.format(t);
  }

  /** {@code 5m ago}. */
  static String ago(Object v) {
    Instant t = instant(v);
    if (t == null) {
      return "–";
    }
    long s = Duration.between(t, Instant.now()).toSeconds();
    return s < 0 ? "just now" : duration(s) + " ago";
  }

  static Instant instant(Object v) {
    try {
      if (v instanceof Instant i) {
        return i;
      }
      if (v instanceof Number n) {
        return Instant.ofEpochMilli(n.longValue());
      }
      if (v instanceof String s && !s.isBlank()) {
        return s.chars().allMatch(Character::isDigit)
            ? Instant.ofEpochMilli(Long.parseLong(s))
            : Instant.parse(s);
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  /** First 12 characters of a container or image id. */
  static String shortId(Object v) {
    String s = v == null ? "" : v.toString().replace("sha256:", "");
    return s.length() > 12 ? s.substring(0, 12) : s;
  }

  /** {@code fmt:list('a,b')}: Qute has no list literals; tabs and options loop over these. */
  static java.util.List<String> list(String csv) {
    return java.util.List.of(csv.split(","));
  }

  /** A query-string value. */
  static String url(Object v) {
    return java.net.URLEncoder.encode(
        v == null ? "" : v.toString(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A container's state class: Docker's health in the status text wins over "running". */
  static String containerState(Object state, Object status) {
    return status != null && status.toString().contains("(unhealthy)") ? "warn" : state(state);
  }

  /** The CSS state class of a container/host/monitor state text. */
  static String state(Object v) {
    String s = v == null ? "" : v.toString().toLowerCase(Locale.ROOT);
    if (s.contains("unhealthy")) return "warn";
    return switch (s) {
      case "running", "up", "ok", "healthy", "finished", "resolved" -> "ok";
      case "paused", "created", "restarting", "pending", "scheduled", "unpaired" -> "pending";
      case "exited", "dead", "down", "failed", "firing", "error", "killed", "critical" -> "down";
      default -> "other";
    };
  }
}
