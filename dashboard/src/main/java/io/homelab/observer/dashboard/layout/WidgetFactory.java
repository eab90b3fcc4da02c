package io.homelab.observer.dashboard.layout;

import io.homelab.observer.dashboard.config.DashboardConfigException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import io.homelab.observer.dashboard.widget.alerts.AlertsWidget;
import io.homelab.observer.dashboard.widget.bookmarks.BookmarksWidget;
import io.homelab.observer.dashboard.widget.clock.ClockWidget;
import io.homelab.observer.dashboard.widget.containers.ContainersWidget;
import io.homelab.observer.dashboard.widget.customapi.CustomApiWidget;
import io.homelab.observer.dashboard.widget.iframe.IframeWidget;
import io.homelab.observer.dashboard.widget.logs.ErrorLogsWidget;
import io.homelab.observer.dashboard.widget.markdown.MarkdownWidget;
import io.homelab.observer.dashboard.widget.monitor.MonitorWidget;
import io.homelab.observer.dashboard.widget.rss.RssWidget;
import io.homelab.observer.dashboard.widget.runs.LatestRunsWidget;
import io.homelab.observer.dashboard.widget.serverstats.ServerStatsWidget;

/**
 * A widget from its dashboard.yml {@code type}. It lives with the parser, above every widget
 * package, so that {@code widget} (the types the widgets share) depends on none of them.
 */
public final class WidgetFactory {

  private WidgetFactory() {}

  public static Widget create(WidgetSpec s) {
    return switch (s.type()) {
      case "server-stats" -> ServerStatsWidget.from(s);
      case "monitor" -> MonitorWidget.from(s);
      case "containers" -> ContainersWidget.from(s);
      case "alerts" -> AlertsWidget.from(s);
      case "latest-runs" -> LatestRunsWidget.from(s);
      case "error-logs" -> ErrorLogsWidget.from(s);
      case "bookmarks" -> BookmarksWidget.from(s);
      case "markdown" -> MarkdownWidget.from(s);
      case "iframe" -> IframeWidget.from(s);
      case "clock" -> ClockWidget.from(s);
      case "rss" -> RssWidget.from(s);
      case "custom-api" -> CustomApiWidget.from(s);
      default ->
          throw new DashboardConfigException(
              s.line(),
              "unknown widget type: "
                  + s.type()
                  + " (server-stats, monitor, containers, alerts, latest-runs, error-logs, bookmarks,"
                  + " markdown, iframe, clock, rss, custom-api)");
    };
  }
}
