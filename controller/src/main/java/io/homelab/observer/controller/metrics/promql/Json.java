package io.homelab.observer.controller.metrics.promql;

import java.math.BigDecimal;

/** Number and time formatting exactly as Prometheus's JSON API writes them. */
public final class Json {

  private Json() {}

  /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest exact form, no exponent. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return (1 / v) < 0 ? "-0" : "0";
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** Unix seconds with millisecond precision, as a JSON number. */
  public static double seconds(long millis) {
    return millis / 1000.0;
  }
}
