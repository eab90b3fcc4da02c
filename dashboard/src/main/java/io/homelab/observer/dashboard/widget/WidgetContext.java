package io.homelab.observer.dashboard.widget;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.signin.Session;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.TrackingClient;
import io.homelab.observer.dashboard.upstream.UpstreamException;
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

  /** A controller list as the viewer ({@link ControllerClient#items}: bare or under items). */
  public JsonNode controllerList(String pathAndQuery) throws UpstreamException {
    return ControllerClient.items(controller.get(session.controllerToken(), pathAndQuery), null);
  }

  /** The widget's template {@code templates/widgets/<type>.html}. */
  public TemplateInstance template(String type) {
    return engine.getTemplate("widgets/" + type + ".html").instance().data("session", session);
  }
}
