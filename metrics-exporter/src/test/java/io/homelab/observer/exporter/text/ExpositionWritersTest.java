package io.homelab.observer.exporter.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.exporter.model.MetricFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpositionWritersTest {

  private static final List<MetricFamily> FAMILIES =
      List.of(
          MetricFamily.counter("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.")
              .add(466.98, "mode", "idle", "cpu", "0")
              .add(15.59, "cpu", "0", "mode", "system")
              .build(),
          MetricFamily.gauge("node_load1", "1m load average.").add(0.21).build(),
          MetricFamily.untyped("node_netstat_Tcp_CurrEstab", "Statistic TcpCurrEstab.")
              .add(4)
              .build(),
          MetricFamily.gauge("x_info", "Quote \" and back\\slash\nnewline.")
              .add(1, "v", "a\"b\\c\nd")
              .build());

  @Test
  void writesText004LikeClientGolang() {
    StringBuilder sb = new StringBuilder();
    new PrometheusTextWriter().write(FAMILIES, sb);
    assertThat(sb.toString())
        .isEqualTo(
            "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n"
                + "# TYPE node_cpu_seconds_total counter\n"
                + "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 466.98\n"
                + "node_cpu_seconds_total{cpu=\"0\",mode=\"system\"} 15.59\n"
                + "# HELP node_load1 1m load average.\n"
                + "# TYPE node_load1 gauge\n"
                + "node_load1 0.21\n"
                + "# HELP node_netstat_Tcp_CurrEstab Statistic TcpCurrEstab.\n"
                + "# TYPE node_netstat_Tcp_CurrEstab untyped\n"
                + "node_netstat_Tcp_CurrEstab 4\n"
                + "# HELP x_info Quote \" and back\\\\slash\\nnewline.\n"
                + "# TYPE x_info gauge\n"
                + "x_info{v=\"a\\\"b\\\\c\\nd\"} 1\n");
  }

  @Test
  void writesOpenMetricsWithCounterFamilyNamesAndEof() {
    StringBuilder sb = new StringBuilder();
    new OpenMetricsTextWriter().write(FAMILIES.subList(0, 3), sb);
    assertThat(sb.toString())
        .isEqualTo(
            "# TYPE node_cpu_seconds counter\n"
                + "# HELP node_cpu_seconds Seconds the CPUs spent in each mode.\n"
                + "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 466.98\n"
                + "node_cpu_seconds_total{cpu=\"0\",mode=\"system\"} 15.59\n"
                + "# TYPE node_load1 gauge\n"
                + "# HELP node_load1 1m load average.\n"
                + "node_load1 0.21\n"
                + "# TYPE node_netstat_Tcp_CurrEstab unknown\n"
                + "# HELP node_netstat_Tcp_CurrEstab Statistic TcpCurrEstab.\n"
                + "node_netstat_Tcp_CurrEstab 4\n"
                + "# EOF\n");
  }

  @Test
  void picksFormatFromAcceptHeader() {
    String prometheusAccept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    assertThat(ExpositionWriter.forAccept(prometheusAccept).contentType())
        .isEqualTo(OpenMetricsTextWriter.CONTENT_TYPE);
    assertThat(ExpositionWriter.forAccept("text/plain").contentType())
        .isEqualTo(PrometheusTextWriter.CONTENT_TYPE);
    assertThat(ExpositionWriter.forAccept(null).contentType())
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
  }
}
