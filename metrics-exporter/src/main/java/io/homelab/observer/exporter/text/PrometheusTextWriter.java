package io.homelab.observer.exporter.text;

import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.Sample;
import java.util.List;

/**
 * Prometheus text format 0.0.4, written the way client_golang writes it (HELP, TYPE, then samples;
 * labels sorted by name; Go float formatting).
 *
 * <pre>
 * # HELP node_load1 1m load average.
 * # TYPE node_load1 gauge
 * node_load1 0.21
 * </pre>
 */
public final class PrometheusTextWriter implements ExpositionWriter {

  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public void write(List<MetricFamily> families, StringBuilder out) {
    for (MetricFamily f : families) {
      if (f.samples().isEmpty()) {
        continue;
      }
      out.append("# HELP ").append(f.name()).append(' ');
      escapeHelp(f.help(), out);
      out.append("\n# TYPE ").append(f.name()).append(' ').append(f.type().text()).append('\n');
      for (Sample s : f.samples()) {
        out.append(f.name());
        writeLabels(s, out);
        out.append(' ');
        GoFloat.append(out, s.value());
        out.append('\n');
      }
    }
  }

  static void writeLabels(Sample s, StringBuilder out) {
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
      escapeLabelValue(s.labelValue(i), out);
      out.append('"');
    }
    out.append('}');
  }

  // Text format 0.0.4: HELP escapes backslash and newline only.
  static void escapeHelp(String help, StringBuilder out) {
    // Almost nothing needs escaping: append whole strings (a char-by-char copy of every help text
    // and label value was the largest CPU item of a scrape under C1).
    if (help.indexOf('\\') < 0 && help.indexOf('\n') < 0) {
      out.append(help);
      return;
    }
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  // Label values additionally escape the double quote.
  static void escapeLabelValue(String v, StringBuilder out) {
    if (v.indexOf('\\') < 0 && v.indexOf('\n') < 0 && v.indexOf('"') < 0) {
      out.append(v);
      return;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '"' -> out.append("\\\"");
        default -> out.append(c);
      }
    }
  }
}
