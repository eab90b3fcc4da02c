package io.homelab.observer.tracking.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.tracking.error.MlflowException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {

  @Test
  void normpathMatchesPython() {
    assertThat(Validation.normpath("a/../b")).isEqualTo("b");
    assertThat(Validation.normpath("./x")).isEqualTo("x");
    assertThat(Validation.normpath("//a//b/")).isEqualTo("//a/b");
    assertThat(Validation.normpath("///a")).isEqualTo("/a");
    assertThat(Validation.normpath("../x")).isEqualTo("../x");
    assertThat(Validation.normpath("")).isEqualTo(".");
  }

  @Test
  void keysFollowMlflowRules() {
    for (String good : List.of("loss", "val/acc", "a.b-c d:e", "métrique")) {
      assertThatCode(() -> Validation.key(good, "key", "Param"))
          .as(good)
          .doesNotThrowAnyException();
    }
    for (String bad : List.of("", "a/../b", "./x", "/abs", "..", "x/", "semi;colon", "a\\b")) {
      assertThatThrownBy(() -> Validation.key(bad, "key", "Param"))
          .as(bad)
          .isInstanceOf(MlflowException.class);
    }
  }

  @Test
  void longValuesAreTruncatedOrRefused() {
    assertThat(Validation.truncate("x".repeat(6001), Validation.MAX_PARAM_VAL_LENGTH))
        .hasSize(6000);
    assertThatThrownBy(() -> Validation.maxLength("name", 500, "x".repeat(501)))
        .hasMessage("'name' exceeds the maximum length of 500 characters");
  }
}
