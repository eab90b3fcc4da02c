package io.homelab.observer.exporter.text;

import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.Sample;

/**
 * What the 0.0.4 and OpenMetrics text formats write alike: the sample lines (a sample keeps its
 * family's full name in both) and the escapes of HELP texts and label values.
 */
final class TextLines {

  private TextLines() {}

  /** One line a sample: name, labels sorted as the sample holds them, Go float value. */
  static void samples(MetricFamily f, StringBuilder out) {
    for (Sample s : f.samples()) {
      out.append(f.name());
      labels(s, out);
      out.append(' ');
      GoFloat.append(out, s.value());
      out.append('\n');
    }
  }

  static void labels(Sample s, StringBuilder out) {
    int n = s.labelCount();
    if (n == 0) {
      return;
    }
    out.append('{');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(s.labelName(i)).append("=\"");
      escape(s.labelValue(i), true, out);
      out.append('"');
    }
    out.append('}');
  }

  /** HELP escapes backslash and newline only. */
  static void escapeHelp(String help, StringBuilder out) {
    escape(help, false, out);
  }

  /** Label values (and OpenMetrics HELP) additionally escape the double quote ({@code quote}). */
  static void escape(String v, boolean quote, StringBuilder out) {
    // Almost nothing needs escaping: append whole strings (a char-by-char copy of every help text
    // and label value was the largest CPU item of a scrape under C1).
    if (v.indexOf('\\') < 0 && v.indexOf('\n') < 0 && !(quote && v.indexOf('"') >= 0)) {
      out.append(v);
      return;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '"' -> out.append(quote ? "\\\"" : "\"");
        default -> out.append(c);
      }
    }
  }
}
