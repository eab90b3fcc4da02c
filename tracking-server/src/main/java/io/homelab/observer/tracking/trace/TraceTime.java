package io.homelab.observer.tracking.trace;

import io.homelab.observer.tracking.error.MlflowException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Protobuf's JSON forms of google.protobuf.Timestamp ({@code "2026-12-05T21:03:56.935Z"}) and
 * Duration ({@code "0.218s"}), which TraceInfoV3 uses; stored as epoch and duration milliseconds,
 * as MLflow's SQL store keeps them.
 */
final class TraceTime {

  private TraceTime() {}

  /** Epoch milliseconds of an RFC 3339 timestamp; null stays null. */
  static Long parseTimestamp(String text, String field) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw MlflowException.invalid(
          "Invalid value for '" + field + "': '" + text + "' is not an RFC 3339 timestamp.");
    }
  }

  /** Milliseconds of a duration such as {@code "1.5s"}; null stays null. */
  static Long parseDuration(String text, String field) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      if (!text.endsWith("s")) {
        throw new NumberFormatException();
      }
      return new BigDecimal(text.substring(0, text.length() - 1))
          .movePointRight(3)
          .setScale(0, java.math.RoundingMode.FLOOR)
          .longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw MlflowException.invalid(
          "Invalid value for '" + field + "': '" + text + "' is not a duration like '1.5s'.");
    }
  }

  /** Protobuf's timestamp text: no fraction for whole seconds, else 3 digits (millisecond data). */
  static String timestamp(long epochMillis) {
    // Instant.toString writes 0, 3, 6 or 9 fraction digits, as protobuf's printer does.
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /** Protobuf's duration text: {@code "2s"}, {@code "0.218s"}. */
  static String duration(long millis) {
    long seconds = millis / 1000;
    long rest = Math.abs(millis % 1000);
    String sign = millis < 0 && seconds == 0 ? "-" : "";
    return rest == 0 ? sign + seconds + "s" : String.format("%s%d.%03ds", sign, seconds, rest);
  }
}
