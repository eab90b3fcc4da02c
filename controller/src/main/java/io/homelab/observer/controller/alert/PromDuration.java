package io.homelab.observer.controller.alert;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 1d}, {@code 500ms}). */
public final class PromDuration {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");

  private PromDuration() {}

  /** Parses to milliseconds; throws IllegalArgumentException with Prometheus's wording. */
  public static long parseMillis(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration string");
    }
    String s = text.trim();
    if (s.equals("0")) {
      return 0;
    }
    Matcher m = PART.matcher(s);
    int pos = 0;
    long total = 0;
    while (pos < s.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
      }
      long n = Long.parseLong(m.group(1));
      total +=
          switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            case "w" -> n * 7 * 86_400_000;
            default -> n * 365 * 86_400_000;
          };
      pos = m.end();
    }
    return total;
  }

  /** Formats seconds back the way Prometheus prints durations ({@code 1h30m}, {@code 0s}). */
  public static String format(long seconds) {
    if (seconds == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long[] units = {86400, 3600, 60, 1};
    String[] names = {"d", "h", "m", "s"};
    long rest = seconds;
    for (int i = 0; i < units.length; i++) {
      if (rest >= units[i]) {
        b.append(rest / units[i]).append(names[i]);
        rest %= units[i];
      }
    }
    return b.toString();
  }
}
