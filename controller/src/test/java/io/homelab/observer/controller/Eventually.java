package io.homelab.observer.controller;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds, for state that background rounds (checks, evaluations) change. */
public final class Eventually {

  private Eventually() {}

  /** The first value of {@code read} that satisfies {@code done}; fails after {@code timeout}. */
  public static <T> T await(Duration timeout, Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = read.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError("condition not met within " + timeout + "; last value: " + last);
  }
}
