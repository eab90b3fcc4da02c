package io.homelab.observer.controller.metrics.tsdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every known series by its label set, with a posting list per metric name so a selector with a
 * name (the usual case) looks at that metric's series only. Not thread-safe: the engine's lock
 * guards it.
 */
final class SeriesIndex {

  private final Map<SortedMap<String, String>, HeadSeries> byLabels = new HashMap<>();
  private final Map<String, List<HeadSeries>> byName = new HashMap<>();
  private int nextId = 1;

  HeadSeries getOrCreate(SortedMap<String, String> labels) {
    HeadSeries s = byLabels.get(labels);
    if (s == null) {
      SortedMap<String, String> copy =
          java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
      s = new HeadSeries(nextId++, copy);
      byLabels.put(copy, s);
      byName.computeIfAbsent(copy.getOrDefault("__name__", ""), k -> new ArrayList<>()).add(s);
    }
    return s;
  }

  HeadSeries get(SortedMap<String, String> labels) {
    return byLabels.get(labels);
  }

  Collection<HeadSeries> all() {
    return byLabels.values();
  }

  int size() {
    return byLabels.size();
  }

  List<HeadSeries> select(List<LabelMatcher> matchers) {
    Collection<HeadSeries> candidates = byLabels.values();
    for (LabelMatcher m : matchers) {
      if (m.name().equals("__name__") && m.type() == LabelMatcher.Type.EQ) {
        candidates = byName.getOrDefault(m.value(), List.of());
        break;
      }
    }
    boolean wantsRollup = false;
    for (LabelMatcher m : matchers) {
      wantsRollup |= m.name().equals(Rollup.LABEL);
    }
    List<HeadSeries> out = new ArrayList<>();
    outer:
    for (HeadSeries s : candidates) {
      if (!wantsRollup && s.labels.containsKey(Rollup.LABEL)) {
        continue; // min/max roll-ups only when asked for by name
      }
      for (LabelMatcher m : matchers) {
        if (!m.matches(s.labels)) {
          continue outer;
        }
      }
      out.add(s);
    }
    return out;
  }

  /**
   * Forgets series that hold no sample any more (all their blocks expired, nothing in the head).
   */
  void removeEmpty() {
    byLabels.values().removeIf(s -> s.isEmpty() && s.blocks.isEmpty());
    for (List<HeadSeries> l : byName.values()) {
      l.removeIf(s -> s.isEmpty() && s.blocks.isEmpty());
    }
    byName.values().removeIf(List::isEmpty);
  }
}
