package io.homelab.observer.exporter.scrape;

import io.homelab.observer.exporter.model.MetricFamily;
import java.io.IOException;
import java.util.List;

/**
 * One subsystem of the exporter, as node_exporter's {@code Collector}: reads the host once per
 * scrape and returns its families. Stateless apart from its paths and options.
 */
public interface Collector {

  /** Subsystem id, as in {@code node_scrape_collector_success{collector="meminfo"}}. */
  String name();

  /** Reads the host once; throws {@link NoDataException} when the file or device is absent. */
  List<MetricFamily> collect() throws IOException;
}
