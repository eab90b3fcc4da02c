package io.homelab.observer.dashboard.console;

import io.homelab.observer.common.console.ConsoleDoor;
import io.homelab.observer.dashboard.signin.Session;
import io.homelab.observer.dashboard.signin.SessionFilter;
import io.homelab.observer.dashboard.signin.SessionStore;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;

/**
 * Lets a console upgrade through only for a signed-in operator or admin, from a page of this
 * dashboard: the session cookie names the session (the REST session filter never sees an upgrade),
 * and the {@code Origin} must be this dashboard's own, since a browser sends cookies with a
 * cross-site WebSocket too (no CSRF header can be set on one). The controller checks the role
 * again.
 */
@ApplicationScoped
public class ConsoleAccess extends ConsoleDoor {

  /** The session id, handed to the open connection. */
  static final TypedKey<String> SESSION = TypedKey.forString("homelab.session");

  private final SessionStore sessions;

  public ConsoleAccess(SessionStore sessions) {
    this.sessions = sessions;
  }

  @Override
  protected String endpointId() {
    return ConsoleSocket.ENDPOINT_ID;
  }

  @Override
  protected Uni<CheckResult> admit(HttpServerRequest request, HttpUpgradeContext ctx) {
    if (!sameOrigin(request)) {
      return CheckResult.rejectUpgrade(403);
    }
    Cookie cookie = request.getCookie(SessionFilter.COOKIE);
    Optional<Session> session = sessions.find(cookie == null ? null : cookie.getValue());
    if (session.isEmpty()) {
      return CheckResult.rejectUpgrade(401);
    }
    if (!session.get().canOperate()) {
      return CheckResult.rejectUpgrade(403);
    }
    ctx.userData().put(SESSION, session.get().id());
    return CheckResult.permitUpgrade();
  }

  /** The page that opens the socket was served by this host (scheme aside: TLS may end before). */
  static boolean sameOrigin(HttpServerRequest request) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    String host = request.getHeader(HttpHeaders.HOST);
    if (origin == null || host == null) {
      return false;
    }
    try {
      URI o = URI.create(origin);
      String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
      return host.equalsIgnoreCase(authority);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
