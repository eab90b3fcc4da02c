package io.homelab.observer.controller.metrics.api;

import io.homelab.observer.controller.metrics.QueryException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus's parameter formats: times as RFC 3339 or unix seconds, steps as durations or seconds.
 */
final class ApiParams {

  /** Prometheus's minTime/maxTime stand-ins for an absent start or end. */
  static final long MIN_TIME = Long.MIN_VALUE / 4;

  static final long MAX_TIME = Long.MAX_VALUE / 4;

  private ApiParams() {}

  static long time(String raw, long dflt, String name) {
    if (raw == null || raw.isEmpty()) {
      return dflt;
    }
    try {
      return Math.round(Double.parseDouble(raw) * 1000);
    } catch (NumberFormatException e) {
      try {
        return OffsetDateTime.parse(raw).toInstant().toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new QueryException(
            "bad_data",
            "invalid parameter \""
                + name
                + "\": cannot parse \""
                + raw
                + "\" to a valid timestamp");
      }
    }
  }

  static long step(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new QueryException(
          "bad_data", "invalid parameter \"step\": cannot parse \"\" to a valid duration");
    }
    long ms;
    try {
      ms = Math.round(Double.parseDouble(raw) * 1000);
    } catch (NumberFormatException e) {
      if (!raw.matches("([0-9]+(ms|[smhdwy]))+")) {
        throw new QueryException(
            "bad_data",
            "invalid parameter \"step\": cannot parse \"" + raw + "\" to a valid duration");
      }
      ms = durationMillis(raw);
    }
    if (ms <= 0) {
      throw new QueryException(
          "bad_data",
          "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    return ms;
  }

  private static long durationMillis(String text) {
    long total = 0;
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([0-9]+)(ms|[smhdwy])").matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total +=
          n
              * switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                case "w" -> 604_800_000L;
                default -> 31_536_000_000L;
              };
    }
    return total;
  }

  static List<String> nonEmpty(List<String> l) {
    List<String> out = new ArrayList<>();
    if (l != null) {
      for (String s : l) {
        if (s != null && !s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
