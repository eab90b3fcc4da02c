package io.homelab.observer.common.signing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The nonce cache remembers for the window only and never evicts a live nonce. */
class NonceCacheTest {

  @Test
  void refusesALiveNonceTwiceAndForgetsItAfterItsWindow() {
    NonceCache cache = new NonceCache(10);
    assertThat(cache.remember("a", 160, 100)).isTrue();
    assertThat(cache.remember("a", 170, 110)).isFalse();
    cache.purge(161);
    assertThat(cache.size()).isZero();
    assertThat(cache.remember("a", 230, 170)).isTrue();
  }

  @Test
  void aFullCacheRefusesNewNoncesUntilOldOnesExpire() {
    NonceCache cache = new NonceCache(2);
    assertThat(cache.remember("a", 160, 100)).isTrue();
    assertThat(cache.remember("b", 160, 100)).isTrue();
    assertThat(cache.remember("c", 160, 100)).isFalse();
    assertThat(cache.remember("c", 230, 170)).isTrue();
  }
}
