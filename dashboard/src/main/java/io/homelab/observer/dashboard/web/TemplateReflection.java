package io.homelab.observer.dashboard.web;

import io.homelab.observer.dashboard.widget.alerts.AlertsWidget;
import io.homelab.observer.dashboard.widget.bookmarks.BookmarksWidget;
import io.homelab.observer.dashboard.widget.clock.ClockWidget;
import io.homelab.observer.dashboard.widget.containers.ContainersWidget;
import io.homelab.observer.dashboard.widget.customapi.CustomApiWidget;
import io.homelab.observer.dashboard.widget.logs.ErrorLogsWidget;
import io.homelab.observer.dashboard.widget.markdown.MarkdownWidget;
import io.homelab.observer.dashboard.widget.monitor.MonitorWidget;
import io.homelab.observer.dashboard.widget.rss.RssWidget;
import io.homelab.observer.dashboard.widget.runs.LatestRunsWidget;
import io.homelab.observer.dashboard.widget.serverstats.ServerStatsWidget;
import io.quarkus.qute.TemplateData;

/**
 * Generated value resolvers for the widget records the page template reads ({@code w.type}, {@code
 * w.title}, {@code w.refreshSeconds}), so templates need no reflection in a native image.
 */
@TemplateData(target = AlertsWidget.class)
@TemplateData(target = BookmarksWidget.class)
@TemplateData(target = ClockWidget.class)
@TemplateData(target = ContainersWidget.class)
@TemplateData(target = CustomApiWidget.class)
@TemplateData(target = ErrorLogsWidget.class)
@TemplateData(target = LatestRunsWidget.class)
@TemplateData(target = MarkdownWidget.class)
@TemplateData(target = MonitorWidget.class)
@TemplateData(target = RssWidget.class)
@TemplateData(target = ServerStatsWidget.class)
final class TemplateReflection {
  private TemplateReflection() {}
}
