package io.homelab.observer.exporter.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a fake nvidia-smi script that prints output recorded from a two-GPU host. */
class NvidiaSmiCollectorTest {

  // Recorded with the query of NvidiaSmiCollector.FIELDS on a host with an RTX 3090 and a
  // GTX 1050 Ti (the latter reports no power limit and no encoder sessions).
  static final String RECORDED =
      "GPU-6f2a8c1e-0b7d-4c1e-9e2a-2f1d3c4b5a69, NVIDIA GeForce RTX 3090, 0, 00000000:01:00.0,"
          + " 550.54.14, 94.02.42.40.3B, 24576, 1024, 23305, 37, 12, 54, 121.53, 350.00, 350.00,"
          + " 30, 1395, 1395, 9751, 1275, 0, P2\n"
          + "GPU-1c3d5e7f-2a4b-6c8d-0e1f-3a5b7c9d1e2f, NVIDIA GeForce GTX 1050 Ti, 1,"
          + " 00000000:02:00.0, 550.54.14, 86.07.39.00.2E, 4096, 5, 4032, 0, 0, 33, [N/A],"
          + " [Not Supported], [Not Supported], 0, 139, 139, 405, 544, [N/A], P8\n";

  private static Path script(Path dir, String body) throws IOException {
    Path p = dir.resolve("nvidia-smi");
    Files.writeString(p, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void parsesRecordedMultiGpuOutputWithExporterNames(@TempDir Path dir) throws IOException {
    Path args = dir.resolve("args");
    Path smi = script(dir, "echo \"$@\" > " + args + "\ncat <<'EOF'\n" + RECORDED + "EOF\n");
    List<MetricFamily> out =
        new NvidiaSmiCollector(smi.toString(), Duration.ofSeconds(5)).collect();
    Map<String, MetricFamily> m =
        out.stream().collect(Collectors.toMap(MetricFamily::name, f -> f));

    assertThat(Files.readString(args))
        .startsWith("--query-gpu=uuid,name,index,pci.bus_id,")
        .contains("--format=csv,noheader,nounits");
    Sample used = m.get("nvidia_smi_memory_used_bytes").samples().get(0);
    assertThat(used.labels())
        .containsExactly(
            "name", "NVIDIA GeForce GTX 1050 Ti", "uuid", "1c3d5e7f-2a4b-6c8d-0e1f-3a5b7c9d1e2f");
    assertThat(used.value()).isEqualTo(5 * 1048576.0);
    assertThat(value(m, "nvidia_smi_memory_total_bytes", "RTX 3090")).isEqualTo(24576 * 1048576.0);
    assertThat(value(m, "nvidia_smi_utilization_gpu_ratio", "RTX 3090")).isEqualTo(0.37);
    assertThat(value(m, "nvidia_smi_temperature_gpu", "RTX 3090")).isEqualTo(54);
    assertThat(value(m, "nvidia_smi_power_draw_watts", "RTX 3090")).isEqualTo(121.53);
    assertThat(value(m, "nvidia_smi_fan_speed_ratio", "RTX 3090")).isEqualTo(0.30);
    assertThat(value(m, "nvidia_smi_clocks_current_sm_clock_hz", "RTX 3090")).isEqualTo(1.395e9);
    assertThat(value(m, "nvidia_smi_pstate", "1050 Ti")).isEqualTo(8);
    // [N/A] and [Not Supported] fields are skipped, not zero.
    assertThat(m.get("nvidia_smi_power_draw_watts").samples()).hasSize(1);
    assertThat(m.get("nvidia_smi_power_limit_watts").samples()).hasSize(1);
    assertThat(m.get("nvidia_smi_encoder_stats_session_count").samples()).hasSize(1);
    assertThat(m.get("nvidia_smi_gpu_info").samples())
        .extracting(s -> s.label("index") + ":" + s.label("driver_version"))
        .containsExactly("0:550.54.14", "1:550.54.14");
  }

  private static double value(Map<String, MetricFamily> m, String family, String gpu) {
    return m.get(family).samples().stream()
        .filter(s -> s.label("name").endsWith(gpu))
        .findFirst()
        .orElseThrow()
        .value();
  }

  @Test
  void olderDriverRejectingAFieldFallsBackToTheBasicFields(@TempDir Path dir) throws IOException {
    // As an older nvidia-smi answers an unknown field; the basic query then succeeds.
    Path smi =
        script(
            dir,
            "case \"$1\" in\n"
                + "  *encoder.stats*) echo 'Field \"encoder.stats.sessionCount\" is not a valid field to query.'; exit 2;;\n"
                + "esac\n"
                + "echo 'GPU-aa, Tesla P4, 0, 00000000:03:00.0, 470.57.02, 86.04.00.00.01, 7611, 100, 7511, 5, 1, 41, 23.50, 75.00, 30, 1531, 1531, 3003, P0'\n");
    Map<String, MetricFamily> m =
        new NvidiaSmiCollector(smi.toString(), Duration.ofSeconds(5))
            .collect().stream().collect(Collectors.toMap(MetricFamily::name, f -> f));
    assertThat(NvidiaSmiCollector.BASIC_FIELDS).hasSize(19);
    assertThat(m.get("nvidia_smi_memory_used_bytes").samples().get(0).value())
        .isEqualTo(100 * 1048576.0);
    assertThat(m.get("nvidia_smi_pstate").samples().get(0).value()).isEqualTo(0);
    assertThat(m).doesNotContainKey("nvidia_smi_encoder_stats_session_count");
  }

  @Test
  void missingBinaryMeansNoGpuSeriesAndNoError(@TempDir Path dir) throws IOException {
    assertThat(
            new NvidiaSmiCollector(
                    dir.resolve("absent/nvidia-smi").toString(), Duration.ofSeconds(5))
                .collect())
        .isEmpty();
  }

  @Test
  void driverNotLoadedMeansNoGpuSeries(@TempDir Path dir) throws IOException {
    Path smi =
        script(
            dir,
            "echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\"\n"
                + "exit 9\n");
    assertThat(new NvidiaSmiCollector(smi.toString(), Duration.ofSeconds(5)).collect()).isEmpty();
  }

  @Test
  void hangingNvidiaSmiFailsTheCollectorAfterTheTimeout(@TempDir Path dir) throws IOException {
    Path smi = script(dir, "exec sleep 30\n");
    assertThatThrownBy(
            () -> new NvidiaSmiCollector(smi.toString(), Duration.ofMillis(300)).collect())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not answer");
  }
}
