package io.homelab.observer.dashboard.signin;

import io.homelab.observer.dashboard.config.DashboardConfig;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Sign-in against the controller's accounts ({@code POST /api/auth/login}) and sign-out. The form
 * is protected by a double-submit token (a cookie and a field that must match), since there is no
 * session yet to hold one.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SigninResource {

  static final String FORM_COOKIE = "hlo_signin";

  private final ControllerClient controller;
  private final SessionStore store;
  private final DashboardConfig config;
  private final Template signin;

  public SigninResource(
      ControllerClient controller,
      SessionStore store,
      DashboardConfig config,
      @Location("signin.html") Template signin) {
    this.controller = controller;
    this.store = store;
    this.config = config;
    this.signin = signin;
  }

  @GET
  @Path("signin")
  public Response form(@RestQuery String next, @Context ContainerRequestContext ctx) {
    Cookie c = ctx.getCookies().get(SessionFilter.COOKIE);
    if (c != null && store.find(c.getValue()).isPresent()) {
      return Response.seeOther(URI.create(safeNext(next))).build();
    }
    return page(next, null, "", 200, ctx);
  }

  @POST
  @Path("signin")
  public Response signIn(
      @RestForm String username,
      @RestForm String password,
      @RestForm("_csrf") String csrf,
      @RestForm String next,
      @Context ContainerRequestContext ctx) {
    Cookie formCookie = ctx.getCookies().get(FORM_COOKIE);
    if (formCookie == null || !SessionFilter.sameToken(formCookie.getValue(), csrf)) {
      return page(next, "The form expired; please sign in again.", username, 403, ctx);
    }
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      return page(next, "Enter a username and a password.", username, 400, ctx);
    }
    try {
      ControllerClient.Login login = controller.login(username.trim(), password);
      Session s =
          store.create(
              login.username(), Role.parse(login.role()), login.token(), login.expiresAt());
      return Response.seeOther(URI.create(safeNext(next)))
          .cookie(sessionCookie(s.id(), ctx, -1))
          .cookie(formCookie("", ctx, 0))
          .build();
    } catch (UpstreamException e) {
      String message =
          switch (e.status()) {
            case 401, 400 -> "Wrong username or password.";
            case 429 -> "Too many attempts; wait a few minutes and try again.";
            default -> "Cannot reach the controller to sign you in (" + e.getMessage() + ").";
          };
      return page(
          next,
          message,
          username,
          e.status() == 0 ? 502 : (e.status() == 400 ? 401 : e.status()),
          ctx);
    }
  }

  @POST
  @Path("signout")
  public Response signOut(@Context ContainerRequestContext ctx) {
    Cookie c = ctx.getCookies().get(SessionFilter.COOKIE);
    store
        .remove(c == null ? null : c.getValue())
        .ifPresent(s -> controller.logout(s.controllerToken()));
    return Response.seeOther(URI.create("/signin"))
        .header("HX-Redirect", "/signin")
        .cookie(sessionCookie("", ctx, 0))
        .build();
  }

  private Response page(
      String next, String error, String username, int status, ContainerRequestContext ctx) {
    String token = SessionStore.randomToken();
    return Response.status(status)
        .type(MediaType.TEXT_HTML)
        .cookie(formCookie(token, ctx, 1800))
        .entity(
            signin
                .data("csrf", token)
                .data("next", safeNext(next))
                .data("error", error)
                .data("username", username == null ? "" : username)
                .render())
        .build();
  }

  /** Only a local path: never an open redirect to another site ({@code //evil} included). */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
      return "/";
    }
    return next;
  }

  private NewCookie sessionCookie(String value, ContainerRequestContext ctx, int maxAge) {
    return cookie(SessionFilter.COOKIE, value, "/", ctx, maxAge);
  }

  private NewCookie formCookie(String value, ContainerRequestContext ctx, int maxAge) {
    return cookie(FORM_COOKIE, value, "/signin", ctx, maxAge);
  }

  private NewCookie cookie(
      String name, String value, String path, ContainerRequestContext ctx, int maxAge) {
    return new NewCookie.Builder(name)
        .value(value)
        .path(path)
        .httpOnly(true)
        .sameSite(NewCookie.SameSite.STRICT)
        .secure(secure(ctx))
        .maxAge(maxAge)
        .build();
  }

  private boolean secure(ContainerRequestContext ctx) {
    return config.secureCookie()
        || "https".equalsIgnoreCase(ctx.getUriInfo().getRequestUri().getScheme())
        || "https".equalsIgnoreCase(ctx.getHeaderString("X-Forwarded-Proto"));
  }
}
