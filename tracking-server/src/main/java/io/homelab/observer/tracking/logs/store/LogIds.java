package io.homelab.observer.tracking.logs.store;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Entry ids that sort by time: {@code timestamp_ms << 20 | sequence}. Rowid order is then time
 * order, so "newest first" is a reverse walk of the primary key (or of the FTS5 index, which
 * iterates by rowid), a time range is an id range and a page token is the last id seen.
 *
 * <p>The 20-bit sequence is a process-wide counter starting at a random value: two entries only
 * collide if they carry the same millisecond and are exactly a multiple of 2^20 entries apart in
 * the counter, which a single millisecond never sees in practice.
 */
public final class LogIds {

  static final int SEQUENCE_BITS = 20;
  static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

  /** Largest timestamp an id can carry (year 2248); later ones are refused at ingest. */
  public static final long MAX_TIMESTAMP = Long.MAX_VALUE >> SEQUENCE_BITS;

  private final AtomicLong sequence = new AtomicLong(new SecureRandom().nextInt(1 << 20));

  /** A new id for an entry logged at {@code timestampMs}. */
  public long next(long timestampMs) {
    return (timestampMs << SEQUENCE_BITS) | (sequence.getAndIncrement() & SEQUENCE_MASK);
  }

  /** The timestamp an id carries. */
  public static long timestamp(long id) {
    return id >> SEQUENCE_BITS;
  }

  /** The smallest id of a millisecond (inclusive lower bound of a time range). */
  public static long firstOf(long timestampMs) {
    return Math.max(0, timestampMs) << SEQUENCE_BITS;
  }

  /** The largest id of a millisecond (inclusive upper bound of a time range). */
  public static long lastOf(long timestampMs) {
    long t = Math.min(Math.max(0, timestampMs), MAX_TIMESTAMP);
    return (t << SEQUENCE_BITS) | SEQUENCE_MASK;
  }
}
