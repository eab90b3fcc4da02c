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
 * Every environment's agent metrics endpoint as Prometheus HTTP SD target groups: the host of the
 * environment's URL at {@code homelab.controller.discovery.agent-metrics-port}, labelled {@code
 * environment}, {@code environment_id} and {@code group}, with {@code __meta_homelab_*} labels for
 * relabelling (status, tags, URL).
 */
@ApplicationScoped
public class ServiceDiscovery {

  private final EnvironmentService environments;
  private final int port;

  public ServiceDiscovery(EnvironmentService environments, ControllerConfig config) {
    this.environments = environments;
    this.port = config.discovery().agentMetricsPort();
  }

  public List<SdTargetGroup> targets() {
    List<SdTargetGroup> out = new ArrayList<>();
    for (EnvironmentView e : environments.list()) {
      String host = URI.create(e.url()).getHost();
      if (host == null) {
        continue;
      }
      String target =
          (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
      Map<String, String> labels = new TreeMap<>();
      labels.put("environment", e.name());
      labels.put("environment_id", e.id());
      if (e.group() != null) {
        labels.put("group", e.group());
      }
      labels.put("__meta_homelab_status", e.status());
      labels.put("__meta_homelab_tags", String.join(",", e.tags()));
      labels.put("__meta_homelab_url", e.url());
      out.add(new SdTargetGroup(List.of(target), labels));
    }
    return out;
  }
}
