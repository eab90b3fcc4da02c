package io.homelab.observer.tracking.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

  private final MutableClock clock = new MutableClock();
  private final CredentialCache cache = new CredentialCache(Duration.ofMinutes(5), clock);

  @Test
  void remembersOnlyTheExactPairUntilTheTtl() {
    cache.remember("alice", "pw", "h1");
    assertThat(cache.isVerified("alice", "pw", "h1")).isTrue();
    assertThat(cache.isVerified("alice", "pw2", "h1")).isFalse();
    assertThat(cache.isVerified("alic", "epw", "h1")).isFalse();
    // The password changed (another hash stored): the old verification no longer counts.
    assertThat(cache.isVerified("alice", "pw", "h2")).isFalse();
    clock.advance(Duration.ofMinutes(5));
    assertThat(cache.isVerified("alice", "pw", "h1")).isFalse();
  }

  @Test
  void forgetDropsAllPairsOfTheUser() {
    cache.remember("alice", "pw", "h1");
    cache.remember("bob", "pw", "h1");
    cache.forget("alice");
    assertThat(cache.isVerified("alice", "pw", "h1")).isFalse();
    assertThat(cache.isVerified("bob", "pw", "h1")).isTrue();
  }

  @Test
  void zeroTtlDisablesTheCache() {
    CredentialCache off = new CredentialCache(Duration.ZERO, clock);
    off.remember("alice", "pw", "h1");
    assertThat(off.isVerified("alice", "pw", "h1")).isFalse();
  }
}
