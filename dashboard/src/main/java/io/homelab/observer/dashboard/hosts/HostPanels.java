package io.homelab.observer.dashboard.hosts;

import java.util.List;
import java.util.Map;

/**
 * The host charts (Grafana "Node Exporter Full" 1860's minimal set) as PromQL over node_exporter
 * and nvidia_gpu_exporter names (SPEC.md), for one environment's series.
 */
final class HostPanels {

  /** One line of a chart. */
  record Query(String label, String expr) {}

  /** A chart: title, unit for the axis, its queries. */
  record Panel(String title, String unit, List<Query> queries) {}

  static final Map<String, Integer> RANGES =
      Map.of("1h", 3600, "6h", 21600, "24h", 86400, "7d", 604800);

  private HostPanels() {}

  static final List<String> ORDER =
      List.of(
          "cpu",
          "memory",
          "swap",
          "disk",
          "network",
          "load",
          "temperature",
          "gpu-memory",
          "gpu-util");

  static Panel panel(String name, String environmentName) {
    String s =
        "environment=\"" + environmentName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return switch (name) {
      case "cpu" ->
          new Panel(
              "CPU busy",
              "%",
              List.of(
                  new Query(
                      "busy",
                      "100 * (1 - avg(rate(node_cpu_seconds_total{mode=\"idle\","
                          + s
                          + "}[5m])))")));
      case "memory" ->
          new Panel(
              "Memory used",
              "%",
              List.of(
                  new Query(
                      "used",
                      "100 * (1 - node_memory_MemAvailable_bytes{"
                          + s
                          + "} / node_memory_MemTotal_bytes{"
                          + s
                          + "})")));
      case "swap" ->
          new Panel(
              "Swap used",
              "%",
              List.of(
                  new Query(
                      "used",
                      "100 * (1 - node_memory_SwapFree_bytes{"
                          + s
                          + "} / node_memory_SwapTotal_bytes{"
                          + s
                          + "})")));
      case "disk" ->
          new Panel(
              "Root disk used",
              "%",
              List.of(
                  new Query(
                      "/",
                      "100 * (1 - node_filesystem_avail_bytes{mountpoint=\"/\","
                          + s
                          + "} / node_filesystem_size_bytes{mountpoint=\"/\","
                          + s
                          + "})")));
      case "network" ->
          new Panel(
              "Network",
              "B/s",
              List.of(
                  new Query(
                      "receive",
                      "sum(rate(node_network_receive_bytes_total{device!=\"lo\"," + s + "}[5m]))"),
                  new Query(
                      "transmit",
                      "sum(rate(node_network_transmit_bytes_total{device!=\"lo\","
                          + s
                          + "}[5m]))")));
      case "load" ->
          new Panel(
              "Load",
              "",
              List.of(
                  new Query("1m", "node_load1{" + s + "}"),
                  new Query("5m", "node_load5{" + s + "}"),
                  new Query("15m", "node_load15{" + s + "}")));
      case "temperature" ->
          new Panel(
              "Hottest sensor",
              "°C",
              List.of(new Query("max", "max(node_hwmon_temp_celsius{" + s + "})")));
      case "gpu-memory" ->
          new Panel(
              "GPU memory used",
              "B",
              List.of(new Query("used", "sum(nvidia_smi_memory_used_bytes{" + s + "})")));
      case "gpu-util" ->
          new Panel(
              "GPU utilisation",
              "%",
              List.of(new Query("busy", "100 * avg(nvidia_smi_utilization_gpu_ratio{" + s + "})")));
      default -> throw new IllegalArgumentException("unknown chart " + name);
    };
  }
}
