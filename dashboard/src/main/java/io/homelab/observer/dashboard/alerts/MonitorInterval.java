package io.homelab.observer.dashboard.alerts;

import java.util.Locale;

/** The monitor form's interval ({@code 30}, {@code 45s}, {@code 5m}, {@code 1h}) in seconds. */
final class MonitorInterval {

  private MonitorInterval() {}

  static int seconds(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int unit = 1;
    if (t.endsWith("s")) {
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      unit = 60;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("h")) {
      unit = 3600;
      t = t.substring(0, t.length() - 1);
    }
    try {
      int n = Integer.parseInt(t.trim());
      if (n > 0 && n <= 86_400 / unit) {
        return n * unit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException(
        "Interval must be a number of seconds, or like 30s, 5m, 1h (got " + text.trim() + ").");
  }
}
