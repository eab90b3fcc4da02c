package io.homelab.observer.dashboard.home;

import io.homelab.observer.dashboard.layout.DashboardStore;
import io.homelab.observer.dashboard.layout.PageSpec;
import io.homelab.observer.dashboard.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The dashboard.yml pages: the first one is home ({@code /}), the others {@code /p/<slug>}. Only
 * the frames render here; each widget body loads on its own.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomeResource {

  private final DashboardStore store;
  private final Pages pages;
  private final Template page;

  public HomeResource(
      DashboardStore store, Pages pages, @Location("home/page.html") Template page) {
    this.store = store;
    this.pages = pages;
    this.page = page;
  }

  @GET
  public TemplateInstance home() {
    return render(store.current().layout().pages().get(0));
  }

  @GET
  @Path("p/{slug}")
  public TemplateInstance page(@RestPath String slug) {
    return render(
        store
            .current()
            .layout()
            .page(slug)
            .orElseThrow(() -> new NotFoundException("no page " + slug)));
  }

  private TemplateInstance render(PageSpec spec) {
    return page.data("ctx", pages.context("page:" + spec.slug(), spec.name())).data("page", spec);
  }
}
