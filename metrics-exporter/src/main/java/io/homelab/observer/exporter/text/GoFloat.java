package io.homelab.observer.exporter.text;

/**
 * Formats doubles exactly as client_golang writes them ({@code strconv.FormatFloat(f, 'g', -1, 64)}
 * with the special cases of expfmt), so that our output and node_exporter's compare byte for byte.
 *
 * <p>Go's shortest 'g' format switches to exponent notation when the decimal exponent is below -4
 * or at least 6 (the precision Go assumes for the shortest form), which is why node_exporter prints
 * {@code 2.466174e+06} but {@code 783764}.
 */
public final class GoFloat {

  private GoFloat() {}

  /** The text client_golang would write for this value. */
  public static String format(double v) {
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    StringBuilder sb = new StringBuilder(24);
    append(sb, v);
    return sb.toString();
  }

  /** Appends the text client_golang would write for this value. */
  public static void append(StringBuilder sb, double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      sb.append(format(v));
      return;
    }
    boolean neg = v < 0;
    double a = Math.abs(v);
    String digits;
    int exp; // decimal exponent of the first digit: a = 0.d1d2d3... * 10^(exp+1)
    if (a < 9.007199254740992E15 && a == Math.rint(a)) {
      // Integers below 2^53 are exact: take their digits without going through Double.toString.
      String s = Long.toString((long) a);
      exp = s.length() - 1;
      digits = stripTrailingZeros(s);
    } else {
      // Shortest round-trip digits from Double.toString ("123.456", "0.00123", "1.0E-5"), read
      // as digits and an exponent without BigDecimal (a scrape formats hundreds of fractions).
      String s = Double.toString(a);
      int e = s.indexOf('E');
      int mantissaEnd = e < 0 ? s.length() : e;
      int point = s.indexOf('.');
      String all = s.substring(0, point) + s.substring(point + 1, mantissaEnd);
      int leadingZeros = 0;
      while (leadingZeros < all.length() - 1 && all.charAt(leadingZeros) == '0') {
        leadingZeros++;
      }
      digits = stripTrailingZeros(all.substring(leadingZeros));
      exp = point - 1 - leadingZeros + (e < 0 ? 0 : Integer.parseInt(s.substring(e + 1)));
    }
    if (neg) {
      sb.append('-');
    }
    if (exp < -4 || exp >= 6) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int e = Math.abs(exp);
      if (e < 10) {
        sb.append('0');
      }
      sb.append(e);
      return;
    }
    if (exp < 0) {
      sb.append("0.");
      for (int i = -1; i > exp; i--) {
        sb.append('0');
      }
      sb.append(digits);
    } else if (digits.length() <= exp + 1) {
      sb.append(digits);
      for (int i = digits.length(); i <= exp; i++) {
        sb.append('0');
      }
    } else {
      sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
    }
  }

  private static String stripTrailingZeros(String s) {
    int end = s.length();
    while (end > 1 && s.charAt(end - 1) == '0') {
      end--;
    }
    return s.substring(0, end);
  }
}
