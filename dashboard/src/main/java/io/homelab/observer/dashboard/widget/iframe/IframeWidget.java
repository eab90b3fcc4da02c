package io.homelab.observer.dashboard.widget.iframe;

import io.homelab.observer.dashboard.config.DashboardConfigException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import java.time.Duration;

/** Another page embedded (sandboxed, no access to the dashboard's cookies or scripts). */
@io.quarkus.qute.TemplateData
public record IframeWidget(String title, String url, int height) implements Widget {

  public static IframeWidget from(WidgetSpec s) {
    String url = s.required("url");
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new DashboardConfigException(s.line(), "iframe: url must be http(s): '" + url + "'");
    }
    int height = s.integer("height", 300);
    if (height < 50 || height > 2000) {
      throw new DashboardConfigException(s.line(), "iframe: height must be between 50 and 2000");
    }
    return new IframeWidget(s.str("title", "Embedded page"), url, height);
  }

  @Override
  public String type() {
    return "iframe";
  }

  @Override
  public Duration cache() {
    return Duration.ZERO;
  }

  @Override
  public String render(WidgetContext ctx) {
    return ctx.template(type()).data("w", this).render();
  }
}
