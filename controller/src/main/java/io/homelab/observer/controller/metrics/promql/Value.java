package io.homelab.observer.controller.metrics.promql;

import java.util.List;
import java.util.SortedMap;

/** Evaluation results: scalar, string, instant vector or range vector. */
public sealed interface Value {

  record Scalar(double value) implements Value {}

  record Str(String value) implements Value {}

  /** One element of an instant vector; {@code t} is the sample's own time (for timestamp()). */
  record Point(SortedMap<String, String> labels, double value, long t) {}

  record Vector(List<Point> points) implements Value {}

  /** One series of a range vector. */
  record Series(SortedMap<String, String> labels, long[] times, double[] values) {}

  record Matrix(List<Series> series) implements Value {}
}
