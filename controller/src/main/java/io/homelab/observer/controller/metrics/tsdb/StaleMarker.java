package io.homelab.observer.controller.metrics.tsdb;

/**
 * Prometheus's staleness marker: a NaN with a payload that no arithmetic produces, written when a
 * series disappears from its target or the target goes down, so queries stop returning the series
 * at once instead of for the whole 5-minute look-back.
 */
public final class StaleMarker {

  public static final long BITS = 0x7ff0000000000002L;
  public static final double VALUE = Double.longBitsToDouble(BITS);

  private StaleMarker() {}

  public static boolean is(double v) {
    return Double.doubleToRawLongBits(v) == BITS;
  }
}
