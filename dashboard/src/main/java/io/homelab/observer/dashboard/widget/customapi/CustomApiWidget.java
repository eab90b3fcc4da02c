package io.homelab.observer.dashboard.widget.customapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.dashboard.config.DashboardConfigException;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.homelab.observer.dashboard.widget.WidgetSpec;
import io.quarkus.qute.TemplateException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON from any URL shown through a Qute template written in dashboard.yml ({@code {json.field}},
 * {@code {#for x in json.items}}); output is HTML-escaped like every template.
 */
public record CustomApiWidget(
    String title, String url, Map<String, String> headers, String template, Duration cache)
    implements Widget {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static CustomApiWidget from(WidgetSpec s) {
    Map<String, String> headers = new LinkedHashMap<>();
    Object h = s.props().get("headers");
    if (h instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            if (!WidgetSpec.LINE_KEY.equals(k) && v instanceof String value) {
              headers.put(k.toString(), value);
            }
          });
    } else if (h != null) {
      throw new DashboardConfigException(s.line(), "custom-api: 'headers' must be a mapping");
    }
    return new CustomApiWidget(
        s.str("title", "API"),
        s.required("url"),
        headers,
        s.required("template"),
        s.cache(Duration.ofHours(1)));
  }

  @Override
  public String type() {
    return "custom-api";
  }

  @Override
  public String render(WidgetContext ctx) throws UpstreamException {
    JsonNode json;
    try {
      json = JSON.readTree(ctx.web().get(url, headers));
    } catch (JsonProcessingException e) {
      throw new UpstreamException(url + " did not answer JSON", 0);
    }
    try {
      return "<div class=\"custom-api\">"
          + ctx.engine().parse(template).data("json", json).render()
          + "</div>";
    } catch (TemplateException e) {
      throw new UpstreamException("template error: " + e.getMessage(), 0);
    }
  }
}
