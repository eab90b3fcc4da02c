package io.homelab.observer.controller.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlertEvaluatorRoundTest {

  @Test
  void anErrorInOneRoundDoesNotStopTheNextRounds() throws Exception {
    AtomicInteger rounds = new AtomicInteger();
    CountDownLatch later = new CountDownLatch(2);
    Runnable round =
        AlertEvaluator.surviving(
            () -> {
              int n = rounds.incrementAndGet();
              if (n == 1) {
                throw new StackOverflowError("deep query");
              }
              if (n == 2) {
                throw new IllegalStateException("store gone");
              }
              later.countDown();
            });
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      // The same scheduling as AlertEvaluator.start: a throwing task would never run again.
      scheduler.scheduleWithFixedDelay(round, 0, 10, TimeUnit.MILLISECONDS);
      assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(rounds.get()).isGreaterThanOrEqualTo(4);
    } finally {
      scheduler.shutdownNow();
    }
  }
}
