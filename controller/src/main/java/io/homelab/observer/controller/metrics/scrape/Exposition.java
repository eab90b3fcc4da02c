package io.homelab.observer.controller.metrics.scrape;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** What one scrape yielded: the samples and the metadata the target declared. */
public record Exposition(List<Exposition.Line> samples, Map<String, Metadata> metadata) {

  /** One sample line. @param timestampMillis the exposed time, or null for "at the scrape time" */
  public record Line(SortedMap<String, String> labels, double value, Long timestampMillis) {}

  /**
   * A metric family's {@code TYPE}, {@code HELP} and {@code UNIT}, as /api/v1/metadata lists them.
   */
  public record Metadata(String type, String help, String unit) {}
}
