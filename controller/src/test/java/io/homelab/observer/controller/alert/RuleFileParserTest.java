package io.homelab.observer.controller.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleFileParserTest {

  @Test
  void readsPrometheusRuleFiles() {
    List<AlertRule> rules =
        RuleFileParser.parse(
            """
            groups:
              - name: node
                interval: 30s
                rules:
                  - alert: HighLoad
                    expr: node_load1 > 4
                    for: 1h30m
                    labels: {severity: page}
                    annotations: {summary: "load {{ $value }}"}
                  - alert: Down
                    expr: up == 0
              - name: empty
            """);
    assertThat(rules).extracting(AlertRule::name).containsExactly("HighLoad", "Down");
    assertThat(rules.get(0).forSeconds()).isEqualTo(5400);
    assertThat(rules.get(0).labels()).isEqualTo(Map.of("severity", "page"));
    assertThat(rules.get(1).forSeconds()).isZero();
    assertThat(RuleFileParser.parse("")).isEmpty();
  }

  @Test
  void refusesWhatPrometheusRefuses() {
    assertThatThrownBy(
            () ->
                RuleFileParser.parse(
                    "groups:\n - name: a\n   rules:\n    - record: x\n      expr: up\n"))
        .hasMessageContaining("recording rules are not supported");
    assertThatThrownBy(() -> RuleFileParser.parse("groups:\n - name: a\n - name: a\n"))
        .hasMessageContaining("repeated");
    assertThatThrownBy(
            () ->
                RuleFileParser.parse(
                    "groups:\n - name: a\n   rules:\n    - alert: X\n      expr: up\n      for: 5x\n"))
        .hasMessageContaining("not a valid duration");
    assertThatThrownBy(
            () ->
                RuleFileParser.parse(
                    "groups:\n - name: a\n   rules:\n    - alert: X\n      expr: up\n      severity: x\n"))
        .hasMessageContaining("field severity not found");
    assertThatThrownBy(() -> RuleFileParser.parse("rules: []")).hasMessageContaining("groups");
  }

  @Test
  void templatesExpandLabelsAndValues() {
    Map<String, String> labels = Map.of("instance", "nas:9100", "mountpoint", "/");
    assertThat(
            AlertTemplate.expand(
                "{{ $labels.mountpoint }} on {{$labels.instance}} at {{ $value }}", labels, 93.5))
        .isEqualTo("/ on nas:9100 at 93.5");
    assertThat(AlertTemplate.expand("{{ printf \"%.1f\" $value }}%", labels, 93.456))
        .isEqualTo("93.5%");
    assertThat(AlertTemplate.expand("{{ $value | humanize }}B", labels, 2_500_000))
        .isEqualTo("2.5MB");
    assertThat(AlertTemplate.expand("{{ .Labels.instance }} {{ .Value }}", labels, 3))
        .isEqualTo("nas:9100 3");
    assertThat(AlertTemplate.expand("{{ $labels.missing }}|{{ if x }}", labels, 1))
        .isEqualTo("|{{ if x }}");
  }
}
