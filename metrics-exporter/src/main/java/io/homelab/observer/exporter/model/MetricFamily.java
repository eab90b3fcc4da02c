package io.homelab.observer.exporter.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Immutable snapshot of one metric family: name, HELP text, type and samples.
 *
 * <p>Samples are sorted the way client_golang sorts them (label pairs by name, samples by label
 * values), so our exposition lines up with node_exporter's line by line.
 */
public record MetricFamily(String name, String help, MetricType type, List<Sample> samples) {

  private static final Comparator<Sample> BY_LABEL_VALUES =
      (a, b) -> {
        int n = Math.min(a.labelCount(), b.labelCount());
        for (int i = 0; i < n; i++) {
          int c = a.labelName(i).compareTo(b.labelName(i));
          if (c != 0) {
            return c;
          }
          c = a.labelValue(i).compareTo(b.labelValue(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.labelCount(), b.labelCount());
      };

  public MetricFamily {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("Missing required field: name.");
    }
    // Most families arrive sorted or with one sample (a scrape builds hundreds): check first.
    if (!isSorted(samples)) {
      List<Sample> sorted = new ArrayList<>(samples);
      sorted.sort(BY_LABEL_VALUES);
      samples = sorted;
    }
    samples = List.copyOf(samples);
  }

  private static boolean isSorted(List<Sample> samples) {
    for (int i = 1; i < samples.size(); i++) {
      if (BY_LABEL_VALUES.compare(samples.get(i - 1), samples.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  /** A builder for a gauge family. */
  public static Builder gauge(String name, String help) {
    return new Builder(name, help, MetricType.GAUGE);
  }

  /** A builder for a counter family. */
  public static Builder counter(String name, String help) {
    return new Builder(name, help, MetricType.COUNTER);
  }

  /** A builder for an untyped family (node_exporter's netstat and vmstat). */
  public static Builder untyped(String name, String help) {
    return new Builder(name, help, MetricType.UNTYPED);
  }

  /** A family with one unlabelled sample. */
  public static MetricFamily single(String name, String help, MetricType type, double value) {
    return new Builder(name, help, type).add(value).build();
  }

  /** This family plus the samples of another family of the same name. */
  public MetricFamily merge(MetricFamily other) {
    List<Sample> all = new ArrayList<>(samples);
    all.addAll(other.samples);
    return new MetricFamily(name, help, type, all);
  }

  /** Collects samples; labels are given as alternating names and values, in any order. */
  public static final class Builder {
    private final String name;
    private final String help;
    private final MetricType type;
    private final List<Sample> samples = new ArrayList<>();

    private Builder(String name, String help, MetricType type) {
      this.name = name;
      this.help = help;
      this.type = type;
    }

    /** Adds a sample; {@code labels} alternates label names and values. */
    public Builder add(double value, String... labels) {
      if (labels.length % 2 != 0) {
        throw new IllegalArgumentException("labels must be name/value pairs for " + name);
      }
      if (labels.length > 2) {
        labels = sortPairs(labels);
      }
      for (int i = 1; i < labels.length; i += 2) {
        if (labels[i] == null) {
          labels[i] = "";
        }
      }
      samples.add(new Sample(Arrays.asList(labels), value));
      return this;
    }

    /** True when no sample was added. */
    public boolean isEmpty() {
      return samples.isEmpty();
    }

    public MetricFamily build() {
      return new MetricFamily(name, help, type, samples);
    }

    private static String[] sortPairs(String[] labels) {
      // Insertion sort of the pairs by name on a copy (callers reuse their arrays): a sample has a
      // handful of labels, and this runs for every labelled sample of a scrape.
      String[] out = labels.clone();
      for (int i = 2; i < out.length; i += 2) {
        String name = out[i];
        String value = out[i + 1];
        int j = i - 2;
        while (j >= 0 && out[j].compareTo(name) > 0) {
          out[j + 2] = out[j];
          out[j + 3] = out[j + 1];
          j -= 2;
        }
        out[j + 2] = name;
        out[j + 3] = value;
      }
      return out;
    }
  }
}
