package io.homelab.observer.tracking.logs.loki;

import io.homelab.observer.tracking.error.MlflowException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prometheus label-set text as Loki's protobuf push carries it: {@code {job="x", host="nas"}}
 * (values in Go string syntax: backslash escapes).
 */
final class LabelSet {

  private LabelSet() {}

  static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String s = text.trim();
    if (!s.startsWith("{") || !s.endsWith("}")) {
      throw MlflowException.invalid("stream labels must look like {name=\"value\"}: " + text);
    }
    int i = 1;
    int end = s.length() - 1;
    while (i < end) {
      while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
        i++;
      }
      if (i >= end) {
        break;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0 || eq + 1 >= end || s.charAt(eq + 1) != '"') {
        throw MlflowException.invalid("bad stream labels at " + (i + 1) + ": " + text);
      }
      String name = s.substring(i, eq).trim();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      while (j < end && s.charAt(j) != '"') {
        char c = s.charAt(j++);
        if (c == '\\' && j < end) {
          char e = s.charAt(j++);
          value.append(
              switch (e) {
                case 'n' -> '\n';
                case 't' -> '\t';
                default -> e;
              });
        } else {
          value.append(c);
        }
      }
      if (j >= end) {
        throw MlflowException.invalid("unterminated label value in " + text);
      }
      out.put(name, value.toString());
      i = j + 1;
    }
    return out;
  }
}
