package io.homelab.observer.controller.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.common.error.ApiException;
import org.junit.jupiter.api.Test;

class LongCallsTest {

  private final LongCalls calls = new LongCalls(3, 2);

  @Test
  void perUserAndGlobalCapsAre429AndClosingGivesThePlaceBack() {
    LongCalls.Permit a1 = calls.acquire("alice");
    LongCalls.Permit a2 = calls.acquire("alice");
    assertThatThrownBy(() -> calls.acquire("alice"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(429));
    LongCalls.Permit b1 = calls.acquire("bob");
    assertThatThrownBy(() -> calls.acquire("carol"))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getMessage()).contains("maximum of 3"));
    assertThat(calls.running()).isEqualTo(3);
    a1.close();
    a1.close(); // twice is once
    assertThat(calls.running()).isEqualTo(2);
    calls.acquire("carol").close();
    calls.acquire("alice");
    a2.close();
    b1.close();
    assertThat(calls.running()).isEqualTo(1);
  }
}
