package io.homelab.observer.dashboard.signin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every page and fragment needs a session (anonymous browsers go to {@code /signin}), and every
 * state-changing request needs the session's CSRF token in {@code X-CSRF-Token} (htmx sends it from
 * the page's {@code hx-headers}; forms also carry it). Static files are not JAX-RS resources and
 * never reach this filter.
 */
public class SessionFilter {

  /** Name of the session cookie (HttpOnly, SameSite=Strict). */
  public static final String COOKIE = "hlo_session";

  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final SessionStore store;
  private final CurrentSession current;

  public SessionFilter(SessionStore store, CurrentSession current) {
    this.store = store;
    this.current = current;
  }

  @ServerRequestFilter
  public Response check(ContainerRequestContext ctx) {
    String path = ctx.getUriInfo().getPath();
    if (path.equals("/signin") || path.startsWith("/signin/")) {
      return null; // the sign-in form checks its own double-submit token
    }
    Cookie cookie = ctx.getCookies().get(COOKIE);
    Session session = store.find(cookie == null ? null : cookie.getValue()).orElse(null);
    if (session == null) {
      return anonymous(ctx, path);
    }
    if (!SAFE_METHODS.contains(ctx.getMethod())
        && !sameToken(session.csrf(), ctx.getHeaderString(CSRF_HEADER))) {
      return Response.status(Response.Status.FORBIDDEN)
          .type("text/plain")
          .entity("CSRF token missing or wrong: reload the page and try again.")
          .build();
    }
    current.set(session);
    return null;
  }

  private static Response anonymous(ContainerRequestContext ctx, String path) {
    if (ctx.getHeaderString("HX-Request") != null) {
      // htmx follows HX-Redirect with a full page load, whatever the status.
      return Response.status(Response.Status.UNAUTHORIZED).header("HX-Redirect", "/signin").build();
    }
    if ("GET".equals(ctx.getMethod())) {
      String next = ctx.getUriInfo().getRequestUri().getRawPath();
      String query = ctx.getUriInfo().getRequestUri().getRawQuery();
      if (query != null) {
        next += "?" + query;
      }
      String target =
          "/".equals(path)
              ? "/signin"
              : "/signin?next=" + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8);
      return Response.seeOther(URI.create(target)).build();
    }
    return Response.status(Response.Status.UNAUTHORIZED)
        .type("text/plain")
        .entity("Sign in first.")
        .build();
  }

  /** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
  static boolean sameToken(String expected, String given) {
    if (given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
