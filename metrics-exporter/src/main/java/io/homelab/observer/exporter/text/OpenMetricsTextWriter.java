package io.homelab.observer.exporter.text;

import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import java.util.List;

/**
 * OpenMetrics 1.0 text, for scrapers that ask for it in {@code Accept} (Prometheus does by
 * default).
 *
 * <p>Differences from 0.0.4 that matter here: a counter family is named without its {@code _total}
 * suffix while its samples keep it, {@code untyped} is called {@code unknown}, and the body ends
 * with {@code # EOF}.
 */
public final class OpenMetricsTextWriter implements ExpositionWriter {

  public static final String MEDIA_TYPE = "application/openmetrics-text";
  public static final String CONTENT_TYPE = MEDIA_TYPE + "; version=1.0.0; charset=utf-8";

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
      String familyName = f.name();
      String type;
      if (f.type() == MetricType.COUNTER && familyName.endsWith("_total")) {
        familyName = familyName.substring(0, familyName.length() - "_total".length());
        type = "counter";
      } else if (f.type() == MetricType.GAUGE) {
        type = "gauge";
      } else {
        // A counter without the _total suffix cannot be an OpenMetrics counter; "unknown" keeps
        // the series name unchanged, which is what dashboards query.
        type = "unknown";
      }
      out.append("# TYPE ").append(familyName).append(' ').append(type).append('\n');
      out.append("# HELP ").append(familyName).append(' ');
      TextLines.escape(f.help(), true, out); // OpenMetrics escapes the quote in HELP too
      out.append('\n');
      TextLines.samples(f, out);
    }
    out.append("# EOF\n");
  }
}
