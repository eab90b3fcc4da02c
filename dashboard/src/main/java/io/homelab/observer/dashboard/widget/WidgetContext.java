package io.homelab.observer.dashboard.widget;

import io.homelab.observer.dashboard.signin.Session;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.TrackingClient;
import io.homelab.observer.dashboard.upstream.WebFetcher;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;

/** What a widget may use while rendering: the viewer's session, the upstreams and its template. */
public record WidgetContext(
    Session session,
    ControllerClient controller,
    TrackingClient tracking,
    WebFetcher web,
    Engine engine) {

  /** The widget's template {@code templates/widgets/<type>.html}. */
  public TemplateInstance template(String type) {
    return engine.getTemplate("widgets/" + type + ".html").instance().data("session", session);
  }
}
