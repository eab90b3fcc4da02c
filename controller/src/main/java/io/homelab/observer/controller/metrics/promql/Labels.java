package io.homelab.observer.controller.metrics.promql;

import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;

/** Label-set helpers shared by the operators. */
final class Labels {

  static final String NAME = "__name__";

  private Labels() {}

  static SortedMap<String, String> dropName(SortedMap<String, String> l) {
    if (!l.containsKey(NAME)) {
      return l;
    }
    TreeMap<String, String> c = new TreeMap<>(l);
    c.remove(NAME);
    return c;
  }

  /**
   * The labels kept by {@code by (names)} or dropped by {@code without (names)} (which also drops
   * the name).
   */
  static SortedMap<String, String> group(
      SortedMap<String, String> l, Collection<String> names, boolean without) {
    TreeMap<String, String> out = new TreeMap<>();
    if (without) {
      out.putAll(l);
      out.remove(NAME);
      names.forEach(out::remove);
    } else {
      for (String n : names) {
        String v = l.get(n);
        if (v != null && !v.isEmpty()) {
          out.put(n, v);
        }
      }
    }
    return out;
  }
}
