package io.homelab.observer.dashboard.widget.markdown;

import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import java.time.Duration;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Notes in Markdown (CommonMark). Raw HTML in the text is escaped and unsafe link schemes are
 * dropped, so the config cannot inject script into the page.
 */
public record MarkdownWidget(String title, String html) implements Widget {

  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  public static MarkdownWidget from(WidgetSpec s) {
    return new MarkdownWidget(
        s.str("title", "Notes"), RENDERER.render(PARSER.parse(s.required("content"))));
  }

  @Override
  public String type() {
    return "markdown";
  }

  @Override
  public Duration cache() {
    return Duration.ZERO;
  }

  @Override
  public String render(WidgetContext ctx) {
    return "<div class=\"markdown\">" + html + "</div>";
  }
}
