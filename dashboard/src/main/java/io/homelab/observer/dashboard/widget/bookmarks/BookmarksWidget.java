package io.homelab.observer.dashboard.widget.bookmarks;

import io.homelab.observer.dashboard.config.DashboardConfigException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import io.quarkus.qute.TemplateData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Groups of links, as glance's bookmarks widget. */
public record BookmarksWidget(String title, List<Group> groups) implements Widget {

  /** A titled group of links. */
  @TemplateData
  public record Group(String title, List<Link> links) {}

  /** One link; only http(s) URLs are accepted, so a config cannot plant {@code javascript:}. */
  @TemplateData
  public record Link(String title, String url, String description, boolean sameTab) {}

  @SuppressWarnings("unchecked")
  public static BookmarksWidget from(WidgetSpec s) {
    List<Group> groups = new ArrayList<>();
    for (Map<String, Object> g : s.maps("groups")) {
      List<Link> links = new ArrayList<>();
      Object raw = g.get("links");
      if (raw instanceof List<?> list) {
        for (Object o : list) {
          if (!(o instanceof Map<?, ?> m)) {
            throw new DashboardConfigException(
                s.lineOf(g), "bookmarks: each link must be a mapping");
          }
          Map<String, Object> l = (Map<String, Object>) m;
          String url = WidgetSpec.text(l, "url", "");
          if (!url.startsWith("http://") && !url.startsWith("https://") && !url.startsWith("/")) {
            throw new DashboardConfigException(
                s.lineOf(l), "bookmarks: url must be http(s) or a path: '" + url + "'");
          }
          links.add(
              new Link(
                  WidgetSpec.text(l, "title", url),
                  url,
                  WidgetSpec.text(l, "description", null),
                  "true".equals(WidgetSpec.text(l, "same-tab", "false"))));
        }
      }
      groups.add(new Group(WidgetSpec.text(g, "title", null), links));
    }
    return new BookmarksWidget(s.str("title", "Bookmarks"), groups);
  }

  @Override
  public String type() {
    return "bookmarks";
  }

  @Override
  public Duration cache() {
    return Duration.ZERO;
  }

  @Override
  public String render(WidgetContext ctx) {
    return ctx.template(type()).data("groups", groups).render();
  }
}
