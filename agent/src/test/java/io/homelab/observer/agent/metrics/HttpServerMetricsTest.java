package io.homelab.observer.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code uri} label of the agent's request metrics: route templates, never raw paths. */
class HttpServerMetricsTest {

  @Test
  void mapsEveryAgentRouteToItsTemplate() {
    assertThat(HttpServerMetrics.template("/api/ping")).isEqualTo("/api/ping");
    assertThat(HttpServerMetrics.template("/api/containers")).isEqualTo("/api/containers");
    assertThat(HttpServerMetrics.template("/api/containers/3f2a"))
        .isEqualTo("/api/containers/{id}");
    assertThat(HttpServerMetrics.template("/api/containers/web/logs"))
        .isEqualTo("/api/containers/{id}/logs");
    assertThat(HttpServerMetrics.template("/api/containers/web/restart"))
        .isEqualTo("/api/containers/{id}/{action}");
    assertThat(HttpServerMetrics.template("/api/containers/web/console"))
        .isEqualTo("/api/containers/{id}/console");
    assertThat(HttpServerMetrics.template("/api/images/pull")).isEqualTo("/api/images/pull");
    assertThat(HttpServerMetrics.template("/api/images/library/nginx:1.27"))
        .isEqualTo("/api/images/{id}");
    assertThat(HttpServerMetrics.template("/api/volumes/data")).isEqualTo("/api/volumes/{name}");
  }

  @Test
  void anyOtherPathIsUnknownSoClientsCannotAddSeries() {
    assertThat(HttpServerMetrics.template("/")).isEqualTo("UNKNOWN");
    assertThat(HttpServerMetrics.template("/api/host/x")).isEqualTo("UNKNOWN");
    assertThat(HttpServerMetrics.template("/api/whatever-" + "a".repeat(100))).isEqualTo("UNKNOWN");
    assertThat(HttpServerMetrics.template("/api/containers/a/b/c")).isEqualTo("UNKNOWN");
    assertThat(HttpServerMetrics.template("/etc/passwd")).isEqualTo("UNKNOWN");
    assertThat(HttpServerMetrics.template(null)).isEqualTo("UNKNOWN");
  }
}
