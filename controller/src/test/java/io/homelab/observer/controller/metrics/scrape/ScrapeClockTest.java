package io.homelab.observer.controller.metrics.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScrapeClockTest {

  @Test
  void startsWithinToleranceAreStoredOnSchedule() {
    ScrapeClock c = new ScrapeClock(15_000);
    assertEquals(1_000_003, c.stamp(1_000_003));
    assertEquals(1_015_003, c.stamp(1_015_005)); // 2 ms late
    assertEquals(1_030_003, c.stamp(1_030_002)); // 1 ms early
    assertEquals(1_045_009, c.stamp(1_045_009)); // 6 ms late: the wall time
    assertEquals(1_060_003, c.stamp(1_060_003)); // the schedule is kept
  }

  @Test
  void skippedRoundsAndClockStepsFollowTheWallClock() {
    ScrapeClock c = new ScrapeClock(15_000);
    c.stamp(1_000_000);
    assertEquals(1_045_000, c.stamp(1_045_001)); // two rounds skipped
    assertEquals(1_052_000, c.stamp(1_052_000)); // half a round off: wall time
    assertEquals(900_000, c.stamp(900_000)); // the clock stepped back: a new schedule
    assertEquals(915_000, c.stamp(915_001));
  }
}
