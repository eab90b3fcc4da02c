package io.homelab.observer.controller.metrics.promql;

import java.util.Arrays;

/**
 * The functions over a range of samples ({@code rate}, {@code *_over_time}, ...), with Prometheus
 * 2.x semantics: the window is closed, and rate/increase/delta extrapolate towards the window's
 * edges as Prometheus's {@code extrapolatedRate} does.
 */
final class RangeFunctions {

  private RangeFunctions() {}

  /**
   * @return the value, or NaN-with-absent signalled by {@code null}
   */
  static Double apply(
      String f, long[] t, double[] v, long rangeStart, long rangeEnd, double param) {
    int n = t.length;
    switch (f) {
      case "rate":
        return extrapolated(t, v, rangeStart, rangeEnd, true, true);
      case "increase":
        return extrapolated(t, v, rangeStart, rangeEnd, true, false);
      case "delta":
        return extrapolated(t, v, rangeStart, rangeEnd, false, false);
      case "irate":
      case "idelta":
        {
          if (n < 2) {
            return null;
          }
          double last = v[n - 1];
          double prev = v[n - 2];
          double d = f.equals("irate") && last < prev ? last : last - prev;
          if (f.equals("idelta")) {
            return d;
          }
          long dt = t[n - 1] - t[n - 2];
          return dt == 0 ? null : d / (dt / 1000.0);
        }
      case "deriv":
        return n < 2 ? null : regression(t, v, t[0])[0];
      case "predict_linear":
        {
          if (n < 2) {
            return null;
          }
          double[] r = regression(t, v, rangeEnd);
          return r[1] + r[0] * param;
        }
      case "changes":
      case "resets":
        {
          if (n == 0) {
            return null;
          }
          int c = 0;
          for (int k = 1; k < n; k++) {
            boolean hit =
                f.equals("changes")
                    ? !(v[k] == v[k - 1] || (Double.isNaN(v[k]) && Double.isNaN(v[k - 1])))
                    : v[k] < v[k - 1];
            c += hit ? 1 : 0;
          }
          return (double) c;
        }
      default:
        return overTime(f, v, param);
    }
  }

  private static Double overTime(String f, double[] v, double param) {
    int n = v.length;
    if (n == 0) {
      return null;
    }
    switch (f) {
      case "avg_over_time":
        {
          double mean = 0;
          for (int k = 0; k < n; k++) {
            mean += (v[k] - mean) / (k + 1);
          }
          return mean;
        }
      case "sum_over_time":
        {
          double s = 0;
          for (double x : v) {
            s += x;
          }
          return s;
        }
      case "min_over_time":
      case "max_over_time":
        {
          double r = v[0];
          for (double x : v) {
            boolean better = f.startsWith("min") ? x < r : x > r;
            if (better || Double.isNaN(r)) {
              r = x;
            }
          }
          return r;
        }
      case "count_over_time":
        return (double) n;
      case "last_over_time":
        return v[n - 1];
      case "present_over_time":
        return 1.0;
      case "stddev_over_time":
      case "stdvar_over_time":
        {
          double mean = 0;
          double m2 = 0;
          for (int k = 0; k < n; k++) {
            double d = v[k] - mean;
            mean += d / (k + 1);
            m2 += d * (v[k] - mean);
          }
          double var = m2 / n;
          return f.startsWith("stddev") ? Math.sqrt(var) : var;
        }
      case "quantile_over_time":
        return quantile(param, Arrays.copyOf(v, n));
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

  private static Double extrapolated(
      long[] t, double[] v, long rangeStart, long rangeEnd, boolean counter, boolean rate) {
    int n = t.length;
    if (n < 2) {
      return null;
    }
    double result = v[n - 1] - v[0];
    if (counter) {
      double prev = v[0];
      for (int k = 1; k < n; k++) {
        if (v[k] < prev) {
          result += prev; // counter reset
        }
        prev = v[k];
      }
    }
    double durationToStart = (t[0] - rangeStart) / 1000.0;
    double durationToEnd = (rangeEnd - t[n - 1]) / 1000.0;
    double sampled = (t[n - 1] - t[0]) / 1000.0;
    double avgStep = sampled / (n - 1);
    if (counter && result > 0 && v[0] >= 0) {
      double toZero = sampled * (v[0] / result);
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
  private static double[] regression(long[] t, double[] v, long interceptTime) {
    int n = t.length;
    double sumX = 0;
    double sumY = 0;
    double sumXY = 0;
    double sumX2 = 0;
    for (int k = 0; k < n; k++) {
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
