package io.homelab.observer.controller.metrics.promql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus duration text ({@code 1h30m}, {@code 500ms}) in milliseconds: one reading for PromQL
 * range selectors and the HTTP API's {@code step}, so the two never disagree.
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|[smhdwy])");

  private Durations() {}

  /** The sum of the duration's parts; the caller checks the text's shape and sign. */
  public static long millis(String text) {
    long total = 0;
    Matcher m = PART.matcher(text);
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
}
