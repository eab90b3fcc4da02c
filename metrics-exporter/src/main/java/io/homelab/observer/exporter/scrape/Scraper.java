package io.homelab.observer.exporter.scrape;

import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Runs every enabled collector once per scrape, as node_exporter's {@code execute()}: a collector
 * that throws only sets its {@code node_scrape_collector_success} to 0, the rest still answers.
 *
 * <pre>
 * # HELP node_scrape_collector_success node_exporter: Whether a collector succeeded.
 * # TYPE node_scrape_collector_success gauge
 * node_scrape_collector_success{collector="cpu"} 1
 * </pre>
 */
public final class Scraper {

  static final String SUCCESS = "node_scrape_collector_success";
  static final String SUCCESS_HELP = "node_exporter: Whether a collector succeeded.";
  static final String DURATION = "node_scrape_collector_duration_seconds";
  static final String DURATION_HELP = "node_exporter: Duration of a collector scrape.";

  private static final Logger LOG = Logger.getLogger(Scraper.class);

  private final List<Collector> collectors;
  private final boolean timings;
  // Failures are logged at WARN when a collector starts failing and at DEBUG while it keeps
  // failing, so a missing Docker daemon does not write one warning per scrape.
  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

  /** Collectors in any order; {@code timings} false omits the duration gauge (golden tests). */
  public Scraper(List<Collector> collectors, boolean timings) {
    this.collectors = List.copyOf(collectors);
    this.timings = timings;
  }

  public Scraper(List<Collector> collectors) {
    this(collectors, true);
  }

  /** The enabled collectors. */
  public List<Collector> collectors() {
    return collectors;
  }

  /**
   * One scrape: every collector's families plus success and duration, merged and sorted by name.
   */
  public List<MetricFamily> scrape() {
    List<MetricFamily> out = new ArrayList<>();
    MetricFamily.Builder success = MetricFamily.gauge(SUCCESS, SUCCESS_HELP);
    MetricFamily.Builder duration = MetricFamily.gauge(DURATION, DURATION_HELP);
    for (Collector c : collectors) {
      long start = System.nanoTime();
      boolean ok = false;
      try {
        out.addAll(c.collect());
        ok = true;
        if (failing.remove(c.name()) != null) {
          LOG.infof("collector %s recovered", c.name());
        }
      } catch (NoDataException e) {
        LOG.debugf("collector %s returned no data: %s", c.name(), e.getMessage());
      } catch (Exception | LinkageError e) {
        if (failing.put(c.name(), Boolean.TRUE) == null) {
          LOG.warnf("collector %s failed: %s", c.name(), e.toString());
        } else {
          LOG.debugf(e, "collector %s failed again", c.name());
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      success.add(ok ? 1 : 0, "collector", c.name());
      duration.add(seconds, "collector", c.name());
    }
    out.add(success.build());
    if (timings) {
      out.add(duration.build());
    }
    return normalize(out);
  }

  /** Merges families of the same name (first HELP/TYPE wins) and sorts them by name. */
  public static List<MetricFamily> normalize(List<MetricFamily> families) {
    TreeMap<String, MetricFamily> byName = new TreeMap<>();
    for (MetricFamily f : families) {
      byName.merge(f.name(), f, MetricFamily::merge);
    }
    return new ArrayList<>(byName.values());
  }

  /** A single-sample family helper for collectors. */
  public static MetricFamily gauge(String name, String help, double value) {
    return MetricFamily.single(name, help, MetricType.GAUGE, value);
  }
}
