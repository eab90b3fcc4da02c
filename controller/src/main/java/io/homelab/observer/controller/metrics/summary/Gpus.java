package io.homelab.observer.controller.metrics.summary;

import io.homelab.observer.controller.metrics.MetricsQuery;
import io.homelab.observer.controller.metrics.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-GPU figures from nvidia_gpu_exporter's series (by {@code uuid}), grouped per environment. */
final class Gpus {

  private Gpus() {}

  static Map<String, List<HostSummary.Gpu>> byEnvironment(MetricsQuery query, Instant at) {
    Map<String, Map<String, Double>> util =
        values(query, "nvidia_smi_utilization_gpu_ratio * 100", at);
    Map<String, Map<String, Double>> used = values(query, "nvidia_smi_memory_used_bytes", at);
    Map<String, Map<String, Double>> total = values(query, "nvidia_smi_memory_total_bytes", at);
    Map<String, Map<String, Double>> temp = values(query, "nvidia_smi_temperature_gpu", at);
    Map<String, Map<String, Double>> power = values(query, "nvidia_smi_power_draw_watts", at);
    Map<String, Map<String, String>> names = new HashMap<>();
    for (Sample s : query.instant("nvidia_smi_memory_total_bytes", at)) {
      names
          .computeIfAbsent(s.labels().getOrDefault("environment", ""), k -> new LinkedHashMap<>())
          .put(s.labels().getOrDefault("uuid", ""), s.labels().getOrDefault("name", ""));
    }
    Map<String, List<HostSummary.Gpu>> out = new HashMap<>();
    names.forEach(
        (env, byUuid) -> {
          List<HostSummary.Gpu> list = new ArrayList<>();
          byUuid.forEach(
              (uuid, name) ->
                  list.add(
                      new HostSummary.Gpu(
                          uuid,
                          name,
                          get(util, env, uuid),
                          get(used, env, uuid),
                          get(total, env, uuid),
                          get(temp, env, uuid),
                          get(power, env, uuid))));
          out.put(env, list);
        });
    return out;
  }

  private static Double get(Map<String, Map<String, Double>> m, String env, String uuid) {
    return m.getOrDefault(env, Map.of()).get(uuid);
  }

  private static Map<String, Map<String, Double>> values(
      MetricsQuery query, String promql, Instant at) {
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (Sample s : query.instant(promql, at)) {
      out.computeIfAbsent(s.labels().getOrDefault("environment", ""), k -> new HashMap<>())
          .put(s.labels().getOrDefault("uuid", ""), SummaryService.round(s.value()));
    }
    return out;
  }
}
