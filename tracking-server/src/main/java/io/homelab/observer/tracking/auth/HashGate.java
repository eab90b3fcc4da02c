package io.homelab.observer.tracking.auth;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Bounds how many slow password hashes run at once, so a flood of logins (even from many addresses,
 * each under its rate limit) cannot take every core: at most {@code permits} hashes run, a few more
 * callers wait briefly, and the rest are turned away at once (the caller answers 429 and the client
 * retries) instead of piling up on worker threads.
 */
final class HashGate {

  private final Semaphore permits;
  private final int maxWaiting;
  private final Duration maxWait;

  HashGate(int permits, int maxWaiting, Duration maxWait) {
    this.permits = new Semaphore(permits, true);
    this.maxWaiting = maxWaiting;
    this.maxWait = maxWait;
  }

  /**
   * Half the cores (at least one) run hashes; four callers per permit may wait, up to 10 s (a few
   * hashes' time even on a cold, busy JVM).
   */
  static HashGate forThisMachine() {
    int n = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    return new HashGate(n, 4 * n, Duration.ofSeconds(10));
  }

  /** The check's result, or BUSY when no permit was free in time (the check did not run). */
  Result run(BooleanSupplier check) {
    if (!permits.tryAcquire()) {
      if (permits.getQueueLength() >= maxWaiting) {
        return Result.BUSY;
      }
      try {
        if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
          return Result.BUSY;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Result.BUSY;
      }
    }
    try {
      return check.getAsBoolean() ? Result.MATCH : Result.NO_MATCH;
    } finally {
      permits.release();
    }
  }

  /** Outcome of a gated password check. */
  enum Result {
    MATCH,
    NO_MATCH,
    BUSY
  }
}
