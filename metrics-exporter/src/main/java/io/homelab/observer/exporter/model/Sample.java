package io.homelab.observer.exporter.model;

import java.util.List;

/**
 * One sample of a family: label pairs (name, value, name, value, ...) sorted by label name, and a
 * value.
 *
 * <p>Labels are kept as a flat list because a scrape builds tens of thousands of them and a map per
 * sample would dominate the allocation profile.
 */
public record Sample(List<String> labels, double value) {

  public Sample {
    labels = List.copyOf(labels);
    if (labels.size() % 2 != 0) {
      throw new IllegalArgumentException("labels must be name/value pairs: " + labels);
    }
  }

  /** Number of label pairs. */
  public int labelCount() {
    return labels.size() / 2;
  }

  /** Name of the i-th label. */
  public String labelName(int i) {
    return labels.get(2 * i);
  }

  /** Value of the i-th label. */
  public String labelValue(int i) {
    return labels.get(2 * i + 1);
  }

  /** Value of the label with this name, or null. */
  public String label(String name) {
    for (int i = 0; i < labels.size(); i += 2) {
      if (labels.get(i).equals(name)) {
        return labels.get(i + 1);
      }
    }
    return null;
  }
}
