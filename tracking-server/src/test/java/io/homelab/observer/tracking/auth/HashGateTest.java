package io.homelab.observer.tracking.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashGateTest {

  @Test
  void runsAtMostThePermitsAtOnceAndTurnsTheRestAway() throws Exception {
    HashGate gate = new HashGate(1, 0, Duration.ofMillis(50));
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<HashGate.Result> first =
        CompletableFuture.supplyAsync(
            () ->
                gate.run(
                    () -> {
                      running.countDown();
                      try {
                        return release.await(10, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        return false;
                      }
                    }));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    // The one permit is taken: a second check is not run at all.
    boolean[] ran = {false};
    assertThat(gate.run(() -> ran[0] = true)).isEqualTo(HashGate.Result.BUSY);
    assertThat(ran[0]).isFalse();
    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(HashGate.Result.MATCH);
    assertThat(gate.run(() -> false)).isEqualTo(HashGate.Result.NO_MATCH);
  }
}
