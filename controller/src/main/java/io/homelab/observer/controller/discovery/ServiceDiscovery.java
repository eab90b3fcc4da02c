package io.homelab.observer.controller.discovery;

import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.environment.EnvironmentService;
import io.homelab.observer.controller.environment.EnvironmentView;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every environment's agent metrics endpoint as Prometheus HTTP SD target groups: the same URL the
 * controller scrapes (the environment's {@code metricsUrl}, else its host at {@code
 * homelab.controller.scrape.agent-port} and {@code /metrics}), labelled {@code environment}, {@code
 * environment_id} and {@code group}, with {@code __meta_homelab_*} labels for relabelling (status,
 * tags, URL). A path other than {@code /metrics} and https go out as {@code __metrics_path__} and
 * {@code __scheme__}, which Prometheus applies before scraping.
 */
@ApplicationScoped
public class ServiceDiscovery {

  private final EnvironmentService environments;
  private final int port;

  public ServiceDiscovery(EnvironmentService environments, ControllerConfig config) {
    this.environments = environments;
    this.port = config.scrape().agentPort();
  }

  public List<SdTargetGroup> targets() {
    List<SdTargetGroup> out = new ArrayList<>();
    for (EnvironmentView e : environments.list()) {
      URI metrics = metricsUri(e);
      if (metrics == null || metrics.getHost() == null) {
        continue;
      }
      String host = metrics.getHost();
      boolean https = "https".equalsIgnoreCase(metrics.getScheme());
      int p = metrics.getPort() != -1 ? metrics.getPort() : https ? 443 : 80;
      String target =
          (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + p;
      Map<String, String> labels = new TreeMap<>();
      labels.put("environment", e.name());
      labels.put("environment_id", e.id());
      if (e.group() != null) {
        labels.put("group", e.group());
      }
      String path =
          metrics.getRawPath() == null || metrics.getRawPath().isEmpty()
              ? "/metrics"
              : metrics.getRawPath();
      if (!path.equals("/metrics")) {
        labels.put("__metrics_path__", path);
      }
      if (https) {
        labels.put("__scheme__", "https");
      }
      labels.put("__meta_homelab_status", e.status());
      labels.put("__meta_homelab_tags", String.join(",", e.tags()));
      labels.put("__meta_homelab_url", e.url());
      out.add(new SdTargetGroup(List.of(target), labels));
    }
    return out;
  }

  private URI metricsUri(EnvironmentView e) {
    try {
      if (e.metricsUrl() != null && !e.metricsUrl().isBlank()) {
        return URI.create(e.metricsUrl());
      }
      String host = URI.create(e.url()).getHost();
      return host == null ? null : URI.create("http://" + host + ":" + port + "/metrics");
    } catch (IllegalArgumentException bad) {
      return null; // an unparsable URL cannot be a target; the environment list shows it as is
    }
  }
}
