package io.homelab.observer.dashboard.layout;

import io.homelab.observer.dashboard.signin.CurrentSession;
import io.homelab.observer.dashboard.signin.Session;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.TrackingClient;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.upstream.WebFetcher;
import io.homelab.observer.dashboard.widget.Widget;
import io.homelab.observer.dashboard.widget.WidgetCache;
import io.homelab.observer.dashboard.widget.WidgetContext;
import io.quarkus.logging.Log;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;

/**
 * One widget's body ({@code GET /w/<page>/<column>/<index>}), loaded by htmx on its own so the page
 * renders at once; an upstream failure becomes the widget's inline error, never a broken page.
 */
@Path("/w")
@Blocking
public class WidgetResource {

  private final DashboardStore store;
  private final CurrentSession session;
  private final WidgetCache cache;
  private final ControllerClient controller;
  private final TrackingClient tracking;
  private final WebFetcher web;
  private final Engine engine;
  private final Template error;

  public WidgetResource(
      DashboardStore store,
      CurrentSession session,
      WidgetCache cache,
      ControllerClient controller,
      TrackingClient tracking,
      WebFetcher web,
      Engine engine,
      @Location("widgets/error.html") Template error) {
    this.store = store;
    this.session = session;
    this.cache = cache;
    this.controller = controller;
    this.tracking = tracking;
    this.web = web;
    this.engine = engine;
    this.error = error;
  }

  @GET
  @Path("/{slug}/{col}/{idx}")
  @Produces(MediaType.TEXT_HTML)
  public String widget(@RestPath String slug, @RestPath int col, @RestPath int idx) {
    DashboardLayout layout = store.current().layout();
    PageSpec page = layout.page(slug).orElseThrow(() -> new NotFoundException("no page " + slug));
    if (col < 0 || col >= page.columns().size()) {
      throw new NotFoundException();
    }
    ColumnSpec column = page.columns().get(col);
    if (idx < 0 || idx >= column.widgets().size()) {
      throw new NotFoundException();
    }
    Widget w = column.widgets().get(idx);
    Session s = session.get();
    // The layout's identity is part of the key: a reloaded dashboard.yml never serves old bodies.
    String key =
        System.identityHashCode(layout)
            + "/"
            + slug
            + "/"
            + col
            + "/"
            + idx
            + "/"
            + (w.perUser() ? s.username() + ":" + s.role() : "");
    return cache
        .get(key)
        .orElseGet(
            () -> {
              try {
                String html = w.render(new WidgetContext(s, controller, tracking, web, engine));
                cache.put(key, html, w.cache());
                return html;
              } catch (UpstreamException e) {
                Log.debugf("widget %s/%d/%d (%s): %s", slug, col, idx, w.type(), e.getMessage());
                return error.data("message", e.getMessage()).render();
              }
            });
  }
}
