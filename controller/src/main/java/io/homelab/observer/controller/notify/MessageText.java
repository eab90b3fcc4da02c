package io.homelab.observer.controller.notify;

import java.util.Map;

/** The human-readable form of a message, for chat, ntfy and e-mail. */
final class MessageText {

  private MessageText() {}

  static String title(AlertMessage m) {
    long firing = m.alerts().stream().filter(a -> a.status().equals("firing")).count();
    long resolved = m.alerts().size() - firing;
    if (m.alerts().size() == 1) {
      AlertMessage.Alert a = m.alerts().get(0);
      return "[" + a.status().toUpperCase(java.util.Locale.ROOT) + "] " + summary(a);
    }
    return "[FIRING:" + firing + " RESOLVED:" + resolved + "] homelab alerts";
  }

  /** One line per alert: status, name and summary, then the description when there is one. */
  static String body(AlertMessage m) {
    StringBuilder b = new StringBuilder();
    for (AlertMessage.Alert a : m.alerts()) {
      b.append(a.status().equals("firing") ? "FIRING " : "RESOLVED ")
          .append(summary(a))
          .append('\n');
      String description = a.annotations().get("description");
      if (description != null && !description.isBlank()) {
        b.append("  ").append(description).append('\n');
      }
      b.append("  labels: ").append(labels(a.labels())).append('\n');
    }
    return b.toString().stripTrailing();
  }

  private static String summary(AlertMessage.Alert a) {
    String name = a.labels().getOrDefault("alertname", "alert");
    String summary = a.annotations().get("summary");
    return summary == null || summary.isBlank() ? name : name + ": " + summary;
  }

  private static String labels(Map<String, String> labels) {
    StringBuilder b = new StringBuilder();
    labels.forEach(
        (k, v) -> {
          if (!k.equals("alertname")) {
            b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v);
          }
        });
    return b.toString();
  }
}
