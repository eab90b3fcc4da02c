package io.homelab.observer.agent.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.docker.DockerClientProducer;
import io.homelab.observer.agent.docker.EngineApi;
import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.exporter.container.ContainerCollector;
import io.homelab.observer.exporter.gpu.NvidiaSmiCollector;
import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.node.NodeCollectors;
import io.homelab.observer.exporter.node.NodeOptions;
import io.homelab.observer.exporter.scrape.Collector;
import io.homelab.observer.exporter.scrape.Scraper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds the enabled collectors from {@code homelab.agent.*} once and runs a scrape on demand.
 *
 * <p>{@code @Startup} so that a wrong collector name or regex ends the start with one line instead
 * of failing the first scrape.
 */
@Startup
@ApplicationScoped
public class MetricsService {

  static final String CONTAINER = "container";
  static final String GPU = "gpu";

  private final Scraper scraper;
  private final ThreadPoolExecutor collectorThreads;
  private final DockerContainerInventory containers;

  public MetricsService(AgentConfig config, EngineApi engine, ObjectMapper json) {
    AgentConfig.Collectors c = config.collectors();
    Set<String> disabled = new HashSet<>(c.disabled().orElse(List.of()));
    disabled.removeIf(String::isBlank);
    Set<String> known = new TreeSet<>(NodeCollectors.names());
    known.add(CONTAINER);
    known.add(GPU);
    for (String name : disabled) {
      if (!known.contains(name)) {
        throw new ConfigurationException(
            "homelab.agent.collectors.disabled: unknown collector '" + name + "'; known: " + known);
      }
    }
    NodeOptions defaults = NodeOptions.defaults();
    NodeOptions options =
        new NodeOptions(
            pattern("mount-points-exclude", c.mountPointsExclude(), defaults.mountPointsExclude()),
            pattern("fs-types-exclude", c.fsTypesExclude(), defaults.fsTypesExclude()),
            defaults.mountTimeout(),
            pattern(
                "diskstats-device-exclude",
                c.diskstatsDeviceExclude(),
                defaults.diskstatsDeviceExclude()),
            pattern(
                "netdev-device-exclude", c.netdevDeviceExclude(), defaults.netdevDeviceExclude()),
            defaults.netclassIgnoredDevices(),
            defaults.netstatFields(),
            defaults.vmstatFields());
    HostPaths paths = HostPaths.of(config.hostRoot());
    List<Collector> collectors = new ArrayList<>(NodeCollectors.create(paths, options, disabled));
    if (!disabled.contains(CONTAINER)) {
      // The event stream gets a client of its own without read time-out: on a quiet host it is
      // silent for hours, and the shared client's time-out would turn that into a reconnect (and
      // a container list) every 30 s. It is built on the first scrape, with the watcher thread.
      ContainerEvents events =
          new ContainerEvents(
              () -> DockerClientProducer.streamingHttpClient(config.dockerHost(), config.docker()),
              json);
      containers = new DockerContainerInventory(engine, events, c.timeout());
      collectors.add(new ContainerCollector(paths, containers));
    } else {
      containers = null;
    }
    if (!disabled.contains(GPU)) {
      collectors.add(new NvidiaSmiCollector(config.nvidiaSmi(), c.timeout()));
    }
    int lanes = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.collectorThreads = collectorThreads(lanes - 1);
    this.scraper = new Scraper(collectors, true, collectorThreads, lanes);
    Log.infof(
        "metrics: %d collectors on, host root %s%s",
        collectors.size(),
        paths.rootfs(),
        disabled.isEmpty() ? "" : ", off: " + new TreeSet<>(disabled));
  }

  private static Pattern pattern(
      String key, java.util.Optional<String> configured, Pattern fallback) {
    if (configured.isEmpty()) {
      return fallback;
    }
    try {
      return Pattern.compile(configured.get());
    } catch (PatternSyntaxException e) {
      throw new ConfigurationException(
          "homelab.agent.collectors."
              + key
              + " is not a valid regular expression: "
              + e.getDescription());
    }
  }

  /**
   * A scrape runs in one lane per core, at least two (so a collector waiting on Docker or a slow
   * mount leaves one for the others), as node_exporter's collector goroutines run on GOMAXPROCS
   * threads; the scraping thread is one lane, these threads the others. Idle threads end after a
   * minute, so an agent nobody scrapes keeps none.
   */
  private static ThreadPoolExecutor collectorThreads(int threads) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            DaemonThreads.numbered("metrics-collector-"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Stops the collector threads and the container collector's Docker event stream, if open. */
  @PreDestroy
  void stop() {
    collectorThreads.shutdownNow();
    if (containers != null) {
      containers.close();
    }
  }

  /** One scrape of every enabled collector, sorted and merged by family name. */
  public List<MetricFamily> scrape() {
    return scraper.scrape();
  }
}
