package io.homelab.observer.tracking.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

  private final MutableClock clock = new MutableClock();
  private final CredentialCache cache = new CredentialCache(Duration.ofMinutes(5), clock);

  @Test
  void remembersOnlyTheExactPairUntilTheTtl() {
    cache.remember("alice", "pw");
    assertThat(cache.isVerified("alice", "pw")).isTrue();
    assertThat(cache.isVerified("alice", "pw2")).isFalse();
    assertThat(cache.isVerified("alic", "epw")).isFalse();
    clock.advance(Duration.ofMinutes(5));
    assertThat(cache.isVerified("alice", "pw")).isFalse();
  }

  @Test
  void forgetDropsAllPairsOfTheUser() {
    cache.remember("alice", "pw");
    cache.remember("bob", "pw");
    cache.forget("alice");
    assertThat(cache.isVerified("alice", "pw")).isFalse();
    assertThat(cache.isVerified("bob", "pw")).isTrue();
  }

  @Test
  void zeroTtlDisablesTheCache() {
    CredentialCache off = new CredentialCache(Duration.ZERO, clock);
    off.remember("alice", "pw");
    assertThat(off.isVerified("alice", "pw")).isFalse();
  }
}
