package io.homelab.observer.exporter.text;

import io.homelab.observer.exporter.model.MetricFamily;
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
      TextLines.escapeHelp(f.help(), out);
      out.append("\n# TYPE ").append(f.name()).append(' ').append(f.type().text()).append('\n');
      TextLines.samples(f, out);
    }
  }
}
