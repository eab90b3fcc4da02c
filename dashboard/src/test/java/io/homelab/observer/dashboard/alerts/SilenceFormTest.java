package io.homelab.observer.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilenceFormTest {

  @Test
  void readsAllFourOperatorsQuotedAndBare() {
    List<Map<String, Object>> m =
        SilenceForm.matchers(
            "alertname=\"Host Down\", environment=~\"vm-.*\",severity!=info , job!~\"a\\\"b\"");
    assertThat(m)
        .containsExactly(
            Map.of("name", "alertname", "value", "Host Down", "isRegex", false, "isEqual", true),
            Map.of("name", "environment", "value", "vm-.*", "isRegex", true, "isEqual", true),
            Map.of("name", "severity", "value", "info", "isRegex", false, "isEqual", false),
            Map.of("name", "job", "value", "a\"b", "isRegex", true, "isEqual", false));
  }

  @Test
  void refusesWhatItCannotReadWithThePosition() {
    assertThatThrownBy(() -> SilenceForm.matchers("alertname=\"open"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("character 1");
    assertThatThrownBy(() -> SilenceForm.matchers("a=b, 9x=c")).hasMessageContaining("character 6");
    assertThatThrownBy(() -> SilenceForm.matchers("  "))
        .hasMessageContaining("at least one matcher");
    assertThatThrownBy(() -> SilenceForm.matchers("a=b c=d"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void durationsAsAmtoolWritesThem() {
    assertThat(SilenceForm.duration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(SilenceForm.duration(" 1d12h ")).isEqualTo(Duration.ofHours(36));
    assertThat(SilenceForm.duration("1w")).isEqualTo(Duration.ofDays(7));
    assertThat(SilenceForm.duration("90m")).isEqualTo(Duration.ofMinutes(90));
    for (String bad : new String[] {"", "0h", "2", "h", "2x", "400d", "99999999999999h", "-1h"}) {
      assertThatThrownBy(() -> SilenceForm.duration(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Duration must be");
    }
  }
}
