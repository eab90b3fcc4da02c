package io.homelab.observer.dashboard.widget.clock;

import io.homelab.observer.dashboard.config.DashboardConfigException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import io.quarkus.qute.TemplateData;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The time here (the browser's zone) and in other {@code timezones}; ticks in the browser. */
public record ClockWidget(String title, boolean hour24, List<Zone> zones) implements Widget {

  /** A named zone. */
  @TemplateData
  public record Zone(String label, String zone, String time) {}

  public static ClockWidget from(WidgetSpec s) {
    List<Zone> zones = new ArrayList<>();
    for (Map<String, Object> z : s.maps("timezones")) {
      String id = WidgetSpec.text(z, "timezone", null);
      try {
        ZoneId.of(id);
      } catch (DateTimeException | NullPointerException e) {
        throw new DashboardConfigException(s.lineOf(z), "clock: unknown timezone '" + id + "'");
      }
      zones.add(new Zone(WidgetSpec.text(z, "label", id), id, null));
    }
    return new ClockWidget(
        s.str("title", "Clock"), !"12h".equals(s.str("hour-format", "24h")), zones);
  }

  @Override
  public String type() {
    return "clock";
  }

  @Override
  public Duration cache() {
    return Duration.ZERO;
  }

  @Override
  public String render(WidgetContext ctx) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern(hour24 ? "HH:mm" : "h:mm a");
    List<Zone> now =
        zones.stream()
            .map(
                z ->
                    new Zone(z.label(), z.zone(), f.format(ZonedDateTime.now(ZoneId.of(z.zone())))))
            .toList();
    return ctx.template(type()).data("zones", now).data("hour24", hour24).render();
  }
}
