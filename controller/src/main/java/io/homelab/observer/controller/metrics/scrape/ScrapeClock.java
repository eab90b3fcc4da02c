package io.homelab.observer.controller.metrics.scrape;

/**
 * The timestamp a scrape round's samples get. A round that starts within {@value #TOLERANCE_MILLIS}
 * ms of its schedule is stamped with the scheduled time, as Prometheus 2.34+ does (its {@code
 * --scrape.timestamp-tolerance}): a timer fires a few ms late now and then, and every such ms costs
 * a sample 2 bytes of delta-of-delta in the chunks instead of 1 bit, which on real data doubles the
 * bytes per sample (docs/benchmarks.md, real agent data). A start further off (a stalled round, a
 * clock step) keeps the wall time and the schedule follows it.
 */
public final class ScrapeClock {

  /** Prometheus's default tolerance. */
  public static final long TOLERANCE_MILLIS = 2;

  private final long intervalMillis;
  private long scheduled = Long.MIN_VALUE;

  public ScrapeClock(long intervalMillis) {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("interval must be positive: " + intervalMillis);
    }
    this.intervalMillis = intervalMillis;
  }

  /** Whether a start this many ms off its schedule is stored on schedule. */
  public static boolean withinTolerance(long offsetMillis) {
    return Math.abs(offsetMillis) <= TOLERANCE_MILLIS;
  }

  /** The time to store for a round that started at {@code wallMillis}. */
  public synchronized long stamp(long wallMillis) {
    if (scheduled == Long.MIN_VALUE || wallMillis < scheduled - TOLERANCE_MILLIS) {
      scheduled = wallMillis; // the first round, or the clock stepped back: a new schedule
      return wallMillis;
    }
    while (wallMillis - scheduled > intervalMillis / 2) {
      scheduled += intervalMillis; // skips rounds that did not run
    }
    return withinTolerance(wallMillis - scheduled) ? scheduled : wallMillis;
  }
}
