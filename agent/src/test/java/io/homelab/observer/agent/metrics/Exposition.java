package io.homelab.observer.agent.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small text-format 0.0.4 reader for comparing two expositions in tests. */
record Exposition(Map<String, Family> families) {

  record Series(Map<String, String> labels, double value) {}

  record Family(String name, String help, String type, List<Series> series) {
    TreeSet<String> labelNames() {
      TreeSet<String> out = new TreeSet<>();
      series.forEach(s -> out.addAll(s.labels().keySet()));
      return out;
    }

    /** The value of the series whose labels include all of {@code match}, or NaN. */
    double value(String... match) {
      outer:
      for (Series s : series) {
        for (int i = 0; i < match.length; i += 2) {
          if (!match[i + 1].equals(s.labels().get(match[i]))) {
            continue outer;
          }
        }
        return s.value();
      }
      return Double.NaN;
    }
  }

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  static Exposition parse(String text) {
    Map<String, String> help = new LinkedHashMap<>();
    Map<String, String> type = new LinkedHashMap<>();
    Map<String, List<Series>> series = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        String[] p = line.substring(7).split(" ", 2);
        help.put(p[0], p.length > 1 ? p[1] : "");
      } else if (line.startsWith("# TYPE ")) {
        String[] p = line.substring(7).split(" ", 2);
        type.put(p[0], p[1]);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
          throw new IllegalArgumentException("unparsable line: " + line);
        }
        Map<String, String> labels = new TreeMap<>();
        if (m.group(3) != null) {
          Matcher l = LABEL.matcher(m.group(3));
          while (l.find()) {
            labels.put(l.group(1), l.group(2));
          }
        }
        series
            .computeIfAbsent(m.group(1), k -> new ArrayList<>())
            .add(new Series(labels, Double.parseDouble(m.group(4).replace("Inf", "Infinity"))));
      }
    }
    Map<String, Family> out = new TreeMap<>();
    series.forEach((n, s) -> out.put(n, new Family(n, help.get(n), type.get(n), s)));
    return new Exposition(out);
  }

  Family family(String name) {
    return families.get(name);
  }
}
