package io.homelab.observer.exporter.model;

/** Prometheus metric types that the exporters produce (node_exporter uses no histograms here). */
public enum MetricType {
  COUNTER("counter"),
  GAUGE("gauge"),
  UNTYPED("untyped");

  private final String text;

  MetricType(String text) {
    this.text = text;
  }

  /** The word used after {@code # TYPE} in text format 0.0.4. */
  public String text() {
    return text;
  }
}
