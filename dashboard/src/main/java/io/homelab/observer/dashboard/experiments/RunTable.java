package io.homelab.observer.dashboard.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Columns of a run list (every metric and param key seen) and its CSV form. */
final class RunTable {

  private RunTable() {}

  static List<String> metricKeys(JsonNode runs) {
    return keys(runs, "metrics");
  }

  static List<String> paramKeys(JsonNode runs) {
    return keys(runs, "params");
  }

  private static List<String> keys(JsonNode runs, String kind) {
    TreeSet<String> keys = new TreeSet<>();
    runs.forEach(r -> r.path("data").path(kind).forEach(m -> keys.add(m.path("key").asText())));
    return new ArrayList<>(keys);
  }

  static String value(JsonNode run, String kind, String key) {
    for (JsonNode m : run.path("data").path(kind)) {
      if (key.equals(m.path("key").asText())) {
        return m.path("value").asText();
      }
    }
    return "";
  }

  static String csv(JsonNode runs) {
    List<String> params = paramKeys(runs);
    List<String> metrics = metricKeys(runs);
    StringBuilder out = new StringBuilder("run_id,run_name,status,start_time");
    params.forEach(p -> out.append(',').append(cell("param:" + p)));
    metrics.forEach(m -> out.append(',').append(cell("metric:" + m)));
    out.append('\n');
    for (JsonNode r : runs) {
      JsonNode info = r.path("info");
      out.append(cell(info.path("run_id").asText()))
          .append(',')
          .append(cell(info.path("run_name").asText()))
          .append(',')
          .append(cell(info.path("status").asText()))
          .append(',')
          .append(cell(info.path("start_time").asText()));
      params.forEach(p -> out.append(',').append(cell(value(r, "params", p))));
      metrics.forEach(m -> out.append(',').append(cell(value(r, "metrics", m))));
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * RFC 4180 quoting; a leading =, +, - or @ is prefixed so spreadsheets never run it as a formula.
   */
  static String cell(String s) {
    String v = s == null ? "" : s;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.eE+-]+")) {
      v = "'" + v;
    }
    return v.matches(".*[\",\\n\\r].*") || v.contains("\n")
        ? "\"" + v.replace("\"", "\"\"") + "\""
        : v;
  }
}
