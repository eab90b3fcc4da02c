package io.homelab.observer.dashboard.console;

import io.homelab.observer.dashboard.signin.CurrentSession;
import io.homelab.observer.dashboard.signin.Role;
import io.homelab.observer.dashboard.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;

/** The console page of one container (operators): a terminal wired to {@link ConsoleSocket}. */
@Path("/containers/{env}/{cid}/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePageResource {

  private final CurrentSession session;
  private final Pages pages;
  private final Template page;

  public ConsolePageResource(
      CurrentSession session, Pages pages, @Location("containers/console.html") Template page) {
    this.session = session;
    this.pages = pages;
    this.page = page;
  }

  @GET
  public TemplateInstance console(@RestPath String env, @RestPath String cid) {
    session.require(Role.OPERATOR);
    return page.data("ctx", pages.context("containers", cid + " console"))
        .data("env", env)
        .data("cid", cid);
  }
}
