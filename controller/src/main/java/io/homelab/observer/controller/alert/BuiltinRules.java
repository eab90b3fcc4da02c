package io.homelab.observer.controller.alert;

import java.util.List;
import java.util.Map;

/**
 * The rules a homelab expects without writing any, over the names the agent exports (node_exporter,
 * cAdvisor plus {@code container_state}, nvidia_gpu_exporter) and the monitors' {@code
 * homelab_monitor_up}. Turned off with {@code homelab.controller.alerts.builtin-rules=false}.
 */
public final class BuiltinRules {

  /** File systems that are not disks (node_exporter's usual exclusions). */
  private static final String REAL_FS =
      "fstype!~\"tmpfs|ramfs|overlay|squashfs|devtmpfs|nsfs|fuse.lxcfs\"";

  private BuiltinRules() {}

  public static List<AlertRule> all() {
    return List.of(
        rule(
            "HostDown",
            "up == 0",
            120,
            "critical",
            "{{ $labels.instance }} is down",
            "The metrics endpoint of {{ $labels.instance }} has not answered for 2 minutes."),
        rule(
            "DiskAlmostFull",
            "(1 - node_filesystem_avail_bytes{"
                + REAL_FS
                + "} / node_filesystem_size_bytes{"
                + REAL_FS
                + "}) * 100 > 90",
            300,
            "warning",
            "Disk {{ $labels.mountpoint }} on {{ $labels.instance }} is {{ printf \"%.1f\" $value }}% full",
            "Less than 10% of {{ $labels.mountpoint }} ({{ $labels.device }}) is free."),
        rule(
            "MemoryHigh",
            "(1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100 > 90",
            300,
            "warning",
            "Memory on {{ $labels.instance }} is {{ printf \"%.1f\" $value }}% used",
            "Less than 10% of the memory of {{ $labels.instance }} is available."),
        rule(
            "ContainerExited",
            "container_state{state=~\"exited|dead\"} == 1",
            300,
            "warning",
            "Container {{ $labels.name }} on {{ $labels.instance }} is not running",
            "Container {{ $labels.name }} ({{ $labels.image }}) is {{ $labels.state }}."),
        rule(
            "ContainerRestarting",
            "container_state{state=\"restarting\"} == 1 or increase(container_restart_count[15m]) > 2",
            120,
            "warning",
            "Container {{ $labels.name }} on {{ $labels.instance }} keeps restarting",
            "Container {{ $labels.name }} ({{ $labels.image }}) restarted repeatedly."),
        rule(
            "GpuMemoryHigh",
            "nvidia_smi_memory_used_bytes / nvidia_smi_memory_total_bytes * 100 > 90",
            300,
            "warning",
            "GPU {{ $labels.name }} on {{ $labels.instance }} memory is {{ printf \"%.1f\" $value }}% used",
            "GPU {{ $labels.uuid }} has less than 10% of its memory free."),
        rule(
            "HostTemperatureHigh",
            "node_hwmon_temp_celsius > 85",
            300,
            "warning",
            "Sensor {{ $labels.chip }}/{{ $labels.sensor }} on {{ $labels.instance }} is at {{ $value }} °C",
            "A hardware sensor has stayed above 85 °C for 5 minutes."),
        rule(
            "GpuTemperatureHigh",
            "nvidia_smi_temperature_gpu > 85",
            300,
            "warning",
            "GPU {{ $labels.name }} on {{ $labels.instance }} is at {{ $value }} °C",
            "GPU {{ $labels.uuid }} has stayed above 85 °C for 5 minutes."),
        rule(
            "MonitorDown",
            "homelab_monitor_up == 0",
            60,
            "critical",
            "{{ $labels.monitor }} is down",
            "The {{ $labels.type }} monitor {{ $labels.monitor }} has failed for a minute."),
        rule(
            "MonitorCertificateExpiring",
            "homelab_monitor_cert_expiry_timestamp_seconds - time() < 14 * 86400",
            0,
            "warning",
            "The certificate of {{ $labels.monitor }} expires in less than 14 days",
            "Renew the TLS certificate served at the monitor's URL before browsers and clients"
                + " refuse it."));
  }

  private static AlertRule rule(
      String name,
      String expr,
      long forSeconds,
      String severity,
      String summary,
      String description) {
    return new AlertRule(
        "builtin:" + name,
        "builtin",
        "builtin",
        name,
        expr,
        forSeconds,
        Map.of("severity", severity),
        Map.of("summary", summary, "description", description));
  }
}
