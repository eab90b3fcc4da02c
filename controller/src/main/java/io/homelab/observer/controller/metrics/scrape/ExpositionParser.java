package io.homelab.observer.controller.metrics.scrape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Parser of the Prometheus text format 0.0.4 and OpenMetrics 1.0: a character-level scanner over
 * each line (not a regular expression), with the escapes, special values, optional timestamps
 * (milliseconds in the text format, seconds in OpenMetrics), exemplars and {@code # EOF} of the
 * specifications. A malformed line fails the whole scrape with its line number, as Prometheus does.
 */
public final class ExpositionParser {

  private final boolean openMetrics;
  private final String text;
  private int pos;
  private int lineNo;

  private ExpositionParser(String text, boolean openMetrics) {
    this.text = text;
    this.openMetrics = openMetrics;
  }

  /** True for an OpenMetrics {@code Content-Type}; anything else is read as the text format. */
  public static boolean isOpenMetrics(String contentType) {
    return contentType != null
        && contentType.toLowerCase().startsWith("application/openmetrics-text");
  }

  /**
   * @throws IllegalArgumentException with the line number when the input is malformed
   */
  public static Exposition parse(String text, boolean openMetrics) {
    return new ExpositionParser(text, openMetrics).parseAll();
  }

  private Exposition parseAll() {
    List<Exposition.Line> samples = new ArrayList<>();
    Map<String, String[]> meta = new HashMap<>();
    boolean eof = false;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNo++;
      String line = text.substring(start, end);
      start = end + 1;
      if (eof) {
        throw error("content after # EOF");
      }
      if (line.isBlank()) {
        if (openMetrics) {
          throw error("empty line");
        }
        continue;
      }
      if (line.startsWith("#")) {
        eof = comment(line, meta);
        continue;
      }
      samples.add(sample(line));
    }
    if (openMetrics && !eof) {
      throw error("OpenMetrics exposition without # EOF");
    }
    Map<String, Exposition.Metadata> metadata = new HashMap<>();
    meta.forEach((k, v) -> metadata.put(k, new Exposition.Metadata(v[0], v[1], v[2])));
    return new Exposition(samples, metadata);
  }

  private boolean comment(String line, Map<String, String[]> meta) {
    if (line.equals("# EOF")) {
      return true;
    }
    String[] parts = line.split("[ \t]+", 4);
    if (parts.length < 3 || !parts[0].equals("#")) {
      return false; // a plain comment
    }
    String kind = parts[1];
    String name = parts[2];
    String rest = parts.length > 3 ? parts[3] : "";
    int slot =
        switch (kind) {
          case "TYPE" -> 0;
          case "HELP" -> 1;
          case "UNIT" -> 2;
          default -> -1;
        };
    if (slot < 0) {
      return false;
    }
    if (slot == 0
        && !List.of(
                "counter",
                "gauge",
                "histogram",
                "summary",
                "untyped",
                "unknown",
                "gaugehistogram",
                "info",
                "stateset")
            .contains(rest.trim())) {
      throw error("invalid metric type " + rest.trim());
    }
    String[] m = meta.computeIfAbsent(name, k -> new String[] {"unknown", "", ""});
    m[slot] = slot == 1 ? unescapeHelp(rest) : rest.trim();
    if (slot == 0 && m[0].equals("untyped")) {
      m[0] = "unknown";
    }
    return false;
  }

  private Exposition.Line sample(String line) {
    this.line = line;
    pos = 0;
    TreeMap<String, String> labels = new TreeMap<>();
    String name = name();
    if (name.isEmpty()) {
      throw error("expected a metric name");
    }
    labels.put("__name__", name);
    if (peek() == '{') {
      pos++;
      labels(labels);
    }
    spaces(true);
    double value = number(token());
    Long ts = null;
    spaces(false);
    if (pos < line.length() && line.charAt(pos) != '#') {
      String t = token();
      ts = openMetrics ? Math.round(Double.parseDouble(t) * 1000) : parseLong(t);
      spaces(false);
    }
    if (pos < line.length() && line.charAt(pos) == '#' && !openMetrics) {
      throw error("unexpected # after the value");
    }
    // An OpenMetrics exemplar (" # {...} value [ts]") is accepted and not stored.
    return new Exposition.Line(labels, value, ts);
  }

  private String line;

  private void labels(SortedMap<String, String> labels) {
    while (true) {
      spaces(false);
      if (peek() == '}') {
        pos++;
        return;
      }
      String lname = name();
      if (lname.isEmpty()) {
        throw error("expected a label name");
      }
      spaces(false);
      expect('=');
      spaces(false);
      expect('"');
      StringBuilder v = new StringBuilder();
      while (true) {
        if (pos >= line.length()) {
          throw error("unterminated label value");
        }
        char c = line.charAt(pos++);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          if (pos >= line.length()) {
            throw error("unterminated escape");
          }
          char e = line.charAt(pos++);
          v.append(
              switch (e) {
                case 'n' -> '\n';
                case '\\' -> '\\';
                case '"' -> '"';
                default -> throw error("invalid escape \\" + e);
              });
        } else {
          v.append(c);
        }
      }
      if (labels.put(lname, v.toString()) != null) {
        throw error("duplicate label " + lname);
      }
      spaces(false);
      if (peek() == ',') {
        pos++;
      } else if (peek() != '}') {
        throw error("expected , or } in the label set");
      }
    }
  }

  private String name() {
    int s = pos;
    while (pos < line.length()) {
      char c = line.charAt(pos);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || c == ':'
              || (pos > s && c >= '0' && c <= '9');
      if (!ok) {
        break;
      }
      pos++;
    }
    return line.substring(s, pos);
  }

  private String token() {
    int s = pos;
    while (pos < line.length() && line.charAt(pos) != ' ' && line.charAt(pos) != '\t') {
      pos++;
    }
    if (s == pos) {
      throw error("expected a value");
    }
    return line.substring(s, pos);
  }

  private void spaces(boolean required) {
    int s = pos;
    while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
      pos++;
    }
    if (required && s == pos) {
      throw error("expected a space before the value");
    }
  }

  private char peek() {
    return pos < line.length() ? line.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected " + c);
    }
    pos++;
  }

  private double number(String s) {
    switch (s) {
      case "+Inf", "Inf", "+inf", "inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf", "-inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "NaN", "nan" -> {
        return Double.NaN;
      }
      default -> {
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw error("invalid value " + s);
        }
      }
    }
  }

  private long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw error("invalid timestamp " + s);
    }
  }

  private static String unescapeHelp(String s) {
    return s.replace("\\n", "\n").replace("\\\\", "\\");
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("line " + lineNo + ": " + what);
  }
}
