package io.homelab.observer.dashboard.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SigninRulesTest {

  @Test
  void onlyLocalPathsAreFollowedAfterSignIn() {
    assertThat(SigninResource.safeNext("/containers?q=web")).isEqualTo("/containers?q=web");
    assertThat(SigninResource.safeNext("//evil.example/")).isEqualTo("/");
    assertThat(SigninResource.safeNext("/\\evil.example")).isEqualTo("/");
    assertThat(SigninResource.safeNext("https://evil.example/")).isEqualTo("/");
    assertThat(SigninResource.safeNext(null)).isEqualTo("/");
  }

  @Test
  void csrfTokensMustMatchExactly() {
    String token = SessionStore.randomToken();
    assertThat(token).hasSize(43);
    assertThat(SessionFilter.sameToken(token, token)).isTrue();
    assertThat(SessionFilter.sameToken(token, token.substring(1))).isFalse();
    assertThat(SessionFilter.sameToken(token, null)).isFalse();
    assertThat(SessionStore.randomToken()).isNotEqualTo(token);
  }

  @Test
  void rolesAreOrdered() {
    assertThat(Role.parse("operator").atLeast(Role.VIEWER)).isTrue();
    assertThat(Role.parse("viewer").atLeast(Role.OPERATOR)).isFalse();
    assertThat(Role.parse("unknown")).isEqualTo(Role.VIEWER);
  }
}
