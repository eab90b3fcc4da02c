package io.homelab.observer.dashboard.widget.rss;

import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Items of RSS 2.0 / Atom feeds, newest first. A feed that fails is named in a notice while the
 * others still show (glance's partial-failure notice).
 */
public record RssWidget(String title, List<Feed> feeds, int limit, Duration cache)
    implements Widget {

  /** One configured feed. */
  public record Feed(String url, String title) {}

  public static RssWidget from(WidgetSpec s) {
    List<Feed> feeds = new ArrayList<>();
    for (Map<String, Object> f : s.maps("feeds")) {
      feeds.add(new Feed(WidgetSpec.text(f, "url", ""), WidgetSpec.text(f, "title", null)));
    }
    return new RssWidget(
        s.str("title", "News"), feeds, s.integer("limit", 10), s.cache(Duration.ofHours(2)));
  }

  @Override
  public String type() {
    return "rss";
  }

  @Override
  public String render(WidgetContext ctx) throws UpstreamException {
    List<FeedItem> items = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Feed f : feeds) {
      try {
        items.addAll(FeedParser.parse(ctx.web().get(f.url(), Map.of()), f.title()));
      } catch (UpstreamException | IllegalArgumentException e) {
        failures.add(f.url() + ": " + e.getMessage());
      }
    }
    if (items.isEmpty() && !failures.isEmpty()) {
      throw new UpstreamException(String.join("; ", failures), 0);
    }
    items.sort(
        Comparator.comparing(FeedItem::published, Comparator.nullsLast(Comparator.reverseOrder())));
    return ctx.template(type())
        .data("items", items.subList(0, Math.min(limit, items.size())))
        .data("failures", failures)
        .render();
  }
}
