package io.homelab.observer.exporter.scrape;

import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs every enabled collector once per scrape, as node_exporter's {@code execute()}: a collector
 * that throws only sets its {@code node_scrape_collector_success} to 0, the rest still answers.
 * Collectors run concurrently, as node_exporter runs each in its own goroutine, so a scrape takes
 * about as long as its slowest collector rather than their sum: the scraping thread and {@code
 * lanes - 1} tasks on the executor take collectors from one queue, slowest (last time) first. One
 * task per lane rather than per collector, because every hand-off to a pool thread costs a wake-up
 * (two system calls), and a scrape has two dozen collectors.
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
  private final Executor executor;
  private final int lanes;
  private final Map<String, Double> lastSeconds = new ConcurrentHashMap<>();
  // Failures are logged at WARN when a collector starts failing and at DEBUG while it keeps
  // failing, so a missing Docker daemon does not write one warning per scrape.
  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

  /**
   * Collectors in any order, run in {@code lanes} concurrent lanes (the scraping thread and tasks
   * on {@code executor}); {@code timings} false omits the duration gauge (golden tests).
   */
  public Scraper(List<Collector> collectors, boolean timings, Executor executor, int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be at least 1: " + lanes);
    }
    this.collectors = List.copyOf(collectors);
    this.timings = timings;
    this.executor = executor;
    this.lanes = lanes;
  }

  /** Collectors run one after the other on the scraping thread. */
  public Scraper(List<Collector> collectors, boolean timings) {
    this(collectors, timings, Runnable::run, 1);
  }

  public Scraper(List<Collector> collectors) {
    this(collectors, true);
  }

  private record Outcome(String collector, List<MetricFamily> families, double seconds) {}

  /** The enabled collectors. */
  public List<Collector> collectors() {
    return collectors;
  }

  /**
   * One scrape: every collector's families plus success and duration, merged and sorted by name.
   */
  public List<MetricFamily> scrape() {
    List<Collector> queue = new ArrayList<>(collectors);
    queue.sort(
        Comparator.comparingDouble((Collector c) -> lastSeconds.getOrDefault(c.name(), 0.0))
            .reversed());
    Outcome[] outcomes = new Outcome[queue.size()];
    AtomicInteger next = new AtomicInteger();
    Runnable lane =
        () -> {
          for (int i = next.getAndIncrement(); i < outcomes.length; i = next.getAndIncrement()) {
            outcomes[i] = run(queue.get(i));
          }
        };
    int helpers = Math.min(lanes, outcomes.length) - 1;
    CompletableFuture<?>[] running = new CompletableFuture<?>[Math.max(0, helpers)];
    for (int i = 0; i < running.length; i++) {
      running[i] = CompletableFuture.runAsync(lane, executor);
    }
    lane.run();
    // Joining also publishes the helpers' writes to outcomes.
    CompletableFuture.allOf(running).join();

    List<MetricFamily> out = new ArrayList<>();
    MetricFamily.Builder success = MetricFamily.gauge(SUCCESS, SUCCESS_HELP);
    MetricFamily.Builder duration = MetricFamily.gauge(DURATION, DURATION_HELP);
    for (Outcome o : outcomes) {
      if (o.families() != null) {
        out.addAll(o.families());
      }
      success.add(o.families() != null ? 1 : 0, "collector", o.collector());
      duration.add(o.seconds(), "collector", o.collector());
      lastSeconds.put(o.collector(), o.seconds());
    }
    out.add(success.build());
    if (timings) {
      out.add(duration.build());
    }
    return normalize(out);
  }

  /** One collector, never throwing: its families, or null when it failed or had no data. */
  private Outcome run(Collector c) {
    long start = System.nanoTime();
    List<MetricFamily> families = null;
    try {
      families = c.collect();
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
    return new Outcome(c.name(), families, (System.nanoTime() - start) / 1e9);
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
