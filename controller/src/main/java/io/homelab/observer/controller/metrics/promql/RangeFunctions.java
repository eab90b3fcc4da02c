package io.homelab.observer.controller.metrics.promql;

import java.util.Arrays;

/**
 * The functions over a range of samples ({@code rate}, {@code *_over_time}, ...), with Prometheus
 * 2.x semantics: the window is closed, and rate/increase/delta extrapolate towards the window's
 * edges as Prometheus's {@code extrapolatedRate} does. A window is the samples {@code [from, to)}
 * of a series' arrays, so that a range query slides over one read of the samples without copying.
 */
final class RangeFunctions {

  private RangeFunctions() {}

  /**
   * Whether {@code f} has a value over the window at all (a series without one is left out of the
   * result): the rate-like functions need two samples, the others one.
   */
  static boolean defined(String f, long[] t, int from, int to) {
    int n = to - from;
    return switch (f) {
      case "rate", "increase", "delta", "idelta", "deriv", "predict_linear" -> n >= 2;
      case "irate" -> n >= 2 && t[to - 1] != t[to - 2];
      default -> n >= 1;
    };
  }

  /** The value of {@code f} over a window {@link #defined} says has one. */
  static double apply(
      String f,
      long[] t,
      double[] v,
      int from,
      int to,
      long rangeStart,
      long rangeEnd,
      double param) {
    switch (f) {
      case "rate":
        return extrapolated(t, v, from, to, rangeStart, rangeEnd, true, true);
      case "increase":
        return extrapolated(t, v, from, to, rangeStart, rangeEnd, true, false);
      case "delta":
        return extrapolated(t, v, from, to, rangeStart, rangeEnd, false, false);
      case "irate":
      case "idelta":
        {
          double last = v[to - 1];
          double prev = v[to - 2];
          double d = f.equals("irate") && last < prev ? last : last - prev;
          if (f.equals("idelta")) {
            return d;
          }
          long dt = t[to - 1] - t[to - 2];
          return d / (dt / 1000.0);
        }
      case "deriv":
        return regression(t, v, from, to, t[from])[0];
      case "predict_linear":
        {
          double[] r = regression(t, v, from, to, rangeEnd);
          return r[1] + r[0] * param;
        }
      case "changes":
      case "resets":
        {
          int c = 0;
          for (int k = from + 1; k < to; k++) {
            boolean hit =
                f.equals("changes")
                    ? !(v[k] == v[k - 1] || (Double.isNaN(v[k]) && Double.isNaN(v[k - 1])))
                    : v[k] < v[k - 1];
            c += hit ? 1 : 0;
          }
          return c;
        }
      default:
        return overTime(f, v, from, to, param);
    }
  }

  private static double overTime(String f, double[] v, int from, int to, double param) {
    int n = to - from;
    switch (f) {
      case "avg_over_time":
        {
          double mean = 0;
          for (int k = 0; k < n; k++) {
            mean += (v[from + k] - mean) / (k + 1);
          }
          return mean;
        }
      case "sum_over_time":
        {
          double s = 0;
          for (int k = from; k < to; k++) {
            s += v[k];
          }
          return s;
        }
      case "min_over_time":
      case "max_over_time":
        {
          boolean min = f.startsWith("min");
          double r = v[from];
          for (int k = from; k < to; k++) {
            double x = v[k];
            boolean better = min ? x < r : x > r;
            if (better || Double.isNaN(r)) {
              r = x;
            }
          }
          return r;
        }
      case "count_over_time":
        return n;
      case "last_over_time":
        return v[to - 1];
      case "present_over_time":
        return 1.0;
      case "stddev_over_time":
      case "stdvar_over_time":
        {
          double mean = 0;
          double m2 = 0;
          for (int k = 0; k < n; k++) {
            double x = v[from + k];
            double d = x - mean;
            mean += d / (k + 1);
            m2 += d * (x - mean);
          }
          double var = m2 / n;
          return f.startsWith("stddev") ? Math.sqrt(var) : var;
        }
      case "quantile_over_time":
        return quantile(param, Arrays.copyOfRange(v, from, to));
      default:
        throw new IllegalStateException("no range function " + f);
    }
  }

  /** Prometheus's quantile: linear interpolation between the closest ranks. */
  static double quantile(double q, double[] values) {
    int n = values.length;
    if (n == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    Arrays.sort(values);
    double rank = q * (n - 1);
    int lower = (int) Math.max(0, Math.floor(rank));
    int upper = (int) Math.min(n - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return values[lower] * (1 - weight) + values[upper] * weight;
  }

  private static double extrapolated(
      long[] t,
      double[] v,
      int from,
      int to,
      long rangeStart,
      long rangeEnd,
      boolean counter,
      boolean rate) {
    int n = to - from;
    double first = v[from];
    double result = v[to - 1] - first;
    if (counter) {
      double prev = first;
      for (int k = from + 1; k < to; k++) {
        if (v[k] < prev) {
          result += prev; // counter reset
        }
        prev = v[k];
      }
    }
    double durationToStart = (t[from] - rangeStart) / 1000.0;
    double durationToEnd = (rangeEnd - t[to - 1]) / 1000.0;
    double sampled = (t[to - 1] - t[from]) / 1000.0;
    double avgStep = sampled / (n - 1);
    if (counter && result > 0 && first >= 0) {
      double toZero = sampled * (first / result);
      if (toZero < durationToStart) {
        durationToStart = toZero;
      }
    }
    double threshold = avgStep * 1.1;
    double interval = sampled;
    interval += durationToStart < threshold ? durationToStart : avgStep / 2;
    interval += durationToEnd < threshold ? durationToEnd : avgStep / 2;
    result = result * (interval / sampled);
    if (rate) {
      result /= (rangeEnd - rangeStart) / 1000.0;
    }
    return result;
  }

  /** Least-squares slope (per second) and intercept at {@code interceptTime}. */
  private static double[] regression(long[] t, double[] v, int from, int to, long interceptTime) {
    int n = to - from;
    double sumX = 0;
    double sumY = 0;
    double sumXY = 0;
    double sumX2 = 0;
    for (int k = from; k < to; k++) {
      double x = (t[k] - interceptTime) / 1000.0;
      sumX += x;
      sumY += v[k];
      sumXY += x * v[k];
      sumX2 += x * x;
    }
    double covXY = sumXY - sumX * sumY / n;
    double varX = sumX2 - sumX * sumX / n;
    double slope = covXY / varX;
    double intercept = sumY / n - slope * sumX / n;
    return new double[] {slope, intercept};
  }
}
