package io.homelab.observer.exporter.text;

import io.homelab.observer.exporter.model.MetricFamily;
import java.util.List;

/**
 * Writes metric families in one exposition format (as client_java's {@code
 * ExpositionFormatWriter}).
 */
public interface ExpositionWriter {

  /** The {@code Content-Type} header value of this format. */
  String contentType();

  /** Appends the families, already sorted and merged by name, to {@code out}. */
  void write(List<MetricFamily> families, StringBuilder out);

  /**
   * Picks the format for an {@code Accept} header: OpenMetrics when the client lists it (as
   * Prometheus does), text 0.0.4 otherwise.
   */
  static ExpositionWriter forAccept(String accept) {
    if (accept != null && accept.contains(OpenMetricsTextWriter.MEDIA_TYPE)) {
      return new OpenMetricsTextWriter();
    }
    return new PrometheusTextWriter();
  }
}
