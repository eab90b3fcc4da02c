package io.homelab.observer.controller.metrics.scrape;

import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.environment.EnvironmentEntity;
import io.homelab.observer.controller.environment.EnvironmentStore;
import io.homelab.observer.controller.environment.MetricsUrl;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The current targets: every environment's agent (job {@code node}, as node_exporter's usual job
 * name, so dashboards that filter on it keep working) and the static extra targets of {@code
 * homelab.controller.scrape.targets} (job {@code static}).
 */
@ApplicationScoped
public class TargetSource {

  public static final String AGENT_JOB = "node";
  public static final String STATIC_JOB = "static";

  private final EnvironmentStore environments;
  private final ControllerConfig config;

  public TargetSource(EnvironmentStore environments, ControllerConfig config) {
    this.environments = environments;
    this.config = config;
  }

  public List<ScrapeTarget> targets() {
    List<ScrapeTarget> out = new ArrayList<>();
    for (EnvironmentEntity e : environments.all()) {
      String url = MetricsUrl.of(e, config.scrape().agentPort());
      TreeMap<String, String> labels = new TreeMap<>();
      labels.put("job", AGENT_JOB);
      labels.put("instance", hostPort(url));
      labels.put("environment", e.name);
      out.add(new ScrapeTarget(url, labels));
    }
    for (String url : config.scrape().targets().orElse(List.of())) {
      if (url.isBlank()) {
        continue;
      }
      TreeMap<String, String> labels = new TreeMap<>();
      labels.put("job", STATIC_JOB);
      labels.put("instance", hostPort(url.trim()));
      out.add(new ScrapeTarget(url.trim(), labels));
    }
    return out;
  }

  static String hostPort(String url) {
    URI u = URI.create(url);
    int port = u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    return u.getHost() + ":" + port;
  }
}
