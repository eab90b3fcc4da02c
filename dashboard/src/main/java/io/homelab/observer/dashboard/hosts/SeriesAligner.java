package io.homelab.observer.dashboard.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus {@code query_range} matrices onto one shared time axis, the column layout uPlot wants;
 * missing points stay null so gaps show as gaps.
 */
final class SeriesAligner {

  private SeriesAligner() {}

  static Map<String, Object> align(
      HostPanels.Panel panel, List<JsonNode> results, long start, long end, long step) {
    List<Long> times = new ArrayList<>();
    for (long t = start; t <= end; t += step) {
      times.add(t);
    }
    List<String> labels = new ArrayList<>();
    List<Object> data = new ArrayList<>();
    data.add(times);
    for (int q = 0; q < results.size(); q++) {
      for (JsonNode series : results.get(q).path("data").path("result")) {
        Double[] col = new Double[times.size()];
        for (JsonNode v : series.path("values")) {
          int i = (int) Math.round((v.get(0).asDouble() - start) / step);
          if (i >= 0 && i < col.length) {
            double d = Double.parseDouble(v.get(1).asText("NaN"));
            col[i] = Double.isFinite(d) ? d : null;
          }
        }
        labels.add(panel.queries().get(q).label());
        data.add(col);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("title", panel.title());
    out.put("unit", panel.unit());
    out.put("labels", labels);
    out.put("data", data);
    return out;
  }
}
