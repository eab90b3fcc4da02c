package io.homelab.observer.controller.metrics.api;

import io.homelab.observer.controller.metrics.QueryException;
import io.homelab.observer.controller.metrics.promql.Durations;
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
      ms = Durations.millis(raw);
    }
    if (ms <= 0) {
      throw new QueryException(
          "bad_data",
          "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    return ms;
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
