package io.homelab.observer.tracking.tracemetrics;

/**
 * Normalised pointwise mutual information of two events from counts, as MLflow's trace_correlation
 * module: NaN when either event never occurs, -1 when they never co-occur, 1 when they always do;
 * the smoothed value adds Jeffreys' prior (0.5) to every cell.
 */
final class Npmi {

  static final double JEFFREYS_PRIOR = 0.5;

  private Npmi() {}

  /** {npmi, npmi_smoothed}. */
  static double[] fromCounts(long joint, long f1, long f2, long total) {
    double nan = Double.NaN;
    if (total <= 0 || f1 == 0 || f2 == 0) {
      return new double[] {nan, nan};
    }
    long n11 = joint;
    long n10 = f1 - joint;
    long n01 = f2 - joint;
    long n00 = total - f1 - f2 + joint;
    if (Math.min(Math.min(n11, n10), Math.min(n01, n00)) < 0) {
      return new double[] {nan, nan};
    }
    double plain = joint == 0 ? -1.0 : core(n11, n10, n01, n00, 0);
    return new double[] {plain, core(n11, n10, n01, n00, JEFFREYS_PRIOR)};
  }

  static double core(double n11, double n10, double n01, double n00, double smoothing) {
    double s11 = n11 + smoothing;
    double s10 = n10 + smoothing;
    double s01 = n01 + smoothing;
    double s00 = n00 + smoothing;
    double n = s11 + s10 + s01 + s00;
    double n1 = s11 + s10;
    double n2 = s11 + s01;
    if (n1 <= 0 || n2 <= 0 || s11 <= 0) {
      return Double.NaN;
    }
    if (n10 == 0 && n01 == 0 && n00 == 0) {
      return 1.0;
    }
    double pmi = (Math.log(s11) + Math.log(n)) - (Math.log(n1) + Math.log(n2));
    double npmi = pmi / -(Math.log(s11) - Math.log(n));
    return Math.max(-1.0, Math.min(1.0, npmi));
  }
}
