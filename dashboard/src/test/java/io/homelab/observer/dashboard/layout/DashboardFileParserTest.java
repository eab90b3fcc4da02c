package io.homelab.observer.dashboard.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.dashboard.config.DashboardConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardFileParserTest {

  @Test
  void defaultFileParsesIntoPagesColumnsAndWidgets() {
    DashboardLayout layout = DashboardFileParser.parse(DashboardStore.defaultText(), Map.of());
    assertThat(layout.pages()).hasSize(1);
    assertThat(layout.pages().get(0).slug()).isEqualTo("home");
    assertThat(layout.pages().get(0).columns())
        .extracting(ColumnSpec::size)
        .containsExactly("small", "full", "small");
    assertThat(layout.pages().get(0).columns().get(1).widgets())
        .extracting(w -> w.type())
        .containsExactly("server-stats", "containers", "latest-runs");
  }

  @Test
  void environmentVariablesAreSubstitutedOutsideComments() {
    String yml =
        "# ${NOT_SET} in a comment\npages:\n  - name: ${PAGE}\n    columns:\n      - widgets:\n          - type: markdown\n            content: \"\\${LITERAL}\"\n";
    DashboardLayout l = DashboardFileParser.parse(yml, Map.of("PAGE", "Lab"));
    assertThat(l.pages().get(0).name()).isEqualTo("Lab");
  }

  @Test
  void errorsNameTheLine() {
    String yml = "pages:\n  - name: A\n    columns:\n      - widgets:\n          - type: nope\n";
    assertThatThrownBy(() -> DashboardFileParser.parse(yml, Map.of()))
        .isInstanceOf(DashboardConfigException.class)
        .hasMessageStartingWith("line 5: unknown widget type: nope");
    assertThatThrownBy(
            () -> DashboardFileParser.parse("pages:\n  - name: A\n    columns: [\n", Map.of()))
        .hasMessageStartingWith("line ");
    assertThatThrownBy(() -> DashboardFileParser.parse("pages:\n  - name: ${MISSING}\n", Map.of()))
        .hasMessage("line 2: environment variable MISSING is not set");
    assertThatThrownBy(
            () ->
                DashboardFileParser.parse(
                    "pages:\n  - name: A\n    columns:\n      - size: small\n", Map.of()))
        .hasMessageContaining("1 or 2 'full' columns");
    assertThatThrownBy(
            () ->
                DashboardFileParser.parse(
                    "pages:\n  - name: A\n    columns:\n      - widgets:\n          - type: rss\n            cache: soon\n",
                    Map.of()))
        .hasMessageStartingWith("line 5: rss: cache 'soon'");
  }
}
