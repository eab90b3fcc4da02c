package io.homelab.observer.tracking.logs.search;

import io.homelab.observer.tracking.error.MlflowException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Time parameters ({@code from}, {@code to}): milliseconds since the epoch, an ISO-8601 instant
 * ({@code 2026-12-05T14:00:00Z}) or an age ({@code 15m}, {@code 2h}, {@code 7d}: that long ago).
 */
public final class TimeParam {

  private TimeParam() {}

  /** The time in ms, or {@code fallback} when absent. */
  public static long parse(String name, String value, long fallback, long nowMs) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim();
    try {
      if (v.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(v);
      }
      if (v.length() > 1 && Character.isDigit(v.charAt(0)) && v.length() < 12) {
        return nowMs - duration(name, v).toMillis();
      }
      return Instant.parse(v).toEpochMilli();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw MlflowException.invalid(
          name + "=" + value + " is neither milliseconds, an ISO-8601 time nor an age like 15m");
    }
  }

  /** A duration written {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}. */
  public static Duration duration(String name, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        case 'w' -> Duration.ofDays(7 * n);
        default -> throw new NumberFormatException(v);
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw MlflowException.invalid(name + "=" + value + " is not a duration like 30s, 5m or 1h");
    }
  }
}
