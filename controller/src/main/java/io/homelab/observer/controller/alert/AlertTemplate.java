package io.homelab.observer.controller.alert;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Prometheus's annotation templating that rules use in practice: {@code {{ $labels.x
 * }}}, {@code {{ $value }}}, {@code {{ $externalLabels.x }}}-free {@code {{ .Labels.x }}} / {@code
 * {{ .Value }}}, with the {@code humanize} and {@code printf "%.2f"} pipes. Anything else is left
 * as written so the reader sees what was not expanded.
 */
public final class AlertTemplate {

  private static final Pattern ACTION =
      Pattern.compile(
          "\\{\\{-?\\s*(?:\\$labels\\.|\\.Labels\\.)([A-Za-z_][A-Za-z0-9_]*)\\s*-?}}"
              + "|\\{\\{-?\\s*(?:\\$value|\\.Value)\\s*(?:\\|\\s*(humanize|humanizePercentage)\\s*)?-?}}"
              + "|\\{\\{-?\\s*printf\\s+\"(%[-0-9.]*[fdgesv])\"\\s+(?:\\$value|\\.Value)\\s*-?}}");

  private AlertTemplate() {}

  public static String expand(String text, Map<String, String> labels, double value) {
    if (text == null || !text.contains("{{")) {
      return text;
    }
    Matcher m = ACTION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        replacement = labels.getOrDefault(m.group(1), "");
      } else if (m.group(3) != null) {
        replacement = printf(m.group(3), value);
      } else if ("humanize".equals(m.group(2))) {
        replacement = humanize(value);
      } else if ("humanizePercentage".equals(m.group(2))) {
        replacement = humanize(value * 100) + "%";
      } else {
        replacement = plain(value);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Go's %v of a float64 for the values alerts carry. */
  static String plain(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static String printf(String format, double v) {
    try {
      if (format.endsWith("d")) {
        return String.format(java.util.Locale.ROOT, format, (long) v);
      }
      if (format.endsWith("v") || format.endsWith("s")) {
        return plain(v);
      }
      return String.format(java.util.Locale.ROOT, format, v);
    } catch (java.util.IllegalFormatException e) {
      return plain(v);
    }
  }

  /** Prometheus's humanize: SI prefixes for large and small numbers, 4 significant digits. */
  static String humanize(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return plain(v);
    }
    String[] big = {"", "k", "M", "G", "T", "P", "E"};
    String[] small = {"", "m", "u", "n", "p", "f", "a"};
    double a = Math.abs(v);
    int i = 0;
    if (a >= 1) {
      while (a >= 1000 && i < big.length - 1) {
        a /= 1000;
        i++;
      }
      return trim(Math.copySign(a, v)) + big[i];
    }
    while (a < 1 && i < small.length - 1) {
      a *= 1000;
      i++;
    }
    return trim(Math.copySign(a, v)) + small[i];
  }

  private static String trim(double v) {
    return new java.math.BigDecimal(v)
        .round(new java.math.MathContext(4))
        .stripTrailingZeros()
        .toPlainString();
  }
}
