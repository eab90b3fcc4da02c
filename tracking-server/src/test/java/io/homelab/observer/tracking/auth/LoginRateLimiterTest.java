package io.homelab.observer.tracking.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

  private final MutableClock clock = new MutableClock();
  private final LoginRateLimiter limiter = new LoginRateLimiter(3, 5, Duration.ofMinutes(5), clock);

  @Test
  void blocksAUserNameFromOneAddressAfterTheLimitUntilTheWindowEnds() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.blocked("10.0.0.1", "alice")).isEmpty();
      limiter.recordFailure("10.0.0.1", "alice");
    }
    assertThat(limiter.blocked("10.0.0.1", "alice")).contains(Duration.ofMinutes(5));
    // Other users from the same address, and the same user elsewhere, are not affected yet.
    assertThat(limiter.blocked("10.0.0.1", "bob")).isEmpty();
    assertThat(limiter.blocked("10.0.0.2", "alice")).isEmpty();

    clock.advance(Duration.ofMinutes(2));
    assertThat(limiter.blocked("10.0.0.1", "alice")).contains(Duration.ofMinutes(3));
    clock.advance(Duration.ofMinutes(3));
    assertThat(limiter.blocked("10.0.0.1", "alice")).isEmpty();
  }

  @Test
  void blocksAnAddressSprayingManyUserNames() {
    for (int i = 0; i < 5; i++) {
      limiter.recordFailure("10.0.0.9", "user" + i);
    }
    assertThat(limiter.blocked("10.0.0.9", "someone-new")).isPresent();
    assertThat(limiter.blocked("10.0.0.8", "someone-new")).isEmpty();
  }

  @Test
  void forgetsOldFailures() {
    limiter.recordFailure("10.0.0.1", "alice");
    limiter.recordFailure("10.0.0.1", "alice");
    clock.advance(Duration.ofMinutes(6));
    limiter.recordFailure("10.0.0.1", "alice");
    assertThat(limiter.blocked("10.0.0.1", "alice")).isEmpty();
  }
}
