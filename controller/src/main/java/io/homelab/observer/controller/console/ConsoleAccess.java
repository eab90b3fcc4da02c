package io.homelab.observer.controller.console;

import io.homelab.observer.common.console.ConsoleDoor;
import io.homelab.observer.controller.audit.AuditService;
import io.homelab.observer.controller.security.Principal;
import io.homelab.observer.controller.security.Role;
import io.homelab.observer.controller.security.TokenResolver;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates a console upgrade before it happens: a bearer token of an operator or admin, as
 * {@code POST /api/environments/{id}/containers/{cid}/{action}} needs. The REST auth filter never
 * sees a WebSocket upgrade, so this check is the console's only door; a refusal is a plain HTTP 401
 * or 403 and the connection is never upgraded.
 */
@ApplicationScoped
public class ConsoleAccess extends ConsoleDoor {

  /** The caller's username, handed to the open connection. */
  static final TypedKey<String> USERNAME = TypedKey.forString("homelab.username");

  /** The caller's address as the HTTP layer saw it, for the audit log. */
  static final TypedKey<String> ADDRESS = TypedKey.forString("homelab.address");

  private final TokenResolver tokens;
  private final AuditService audit;

  public ConsoleAccess(TokenResolver tokens, AuditService audit) {
    this.tokens = tokens;
    this.audit = audit;
  }

  @Override
  protected String endpointId() {
    return ConsoleSocket.ENDPOINT_ID;
  }

  @Override
  protected Uni<CheckResult> admit(HttpServerRequest request, HttpUpgradeContext ctx) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    String environmentId = ctx.pathParam("id");
    String containerId = ctx.pathParam("cid");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return CheckResult.rejectUpgrade(401, challenge());
    }
    String secret = header.substring(7).trim();
    // The token lookup reads the database: never on the event loop that runs this check.
    return Uni.createFrom()
        .item(() -> tokens.resolve(secret))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .map(
            (Optional<Principal> principal) -> {
              if (principal.isEmpty()) {
                return CheckResult.rejectUpgradeSync(401, challenge());
              }
              Principal p = principal.get();
              if (!p.role().includes(Role.OPERATOR)) {
                audit.recordFor(
                    p.username(),
                    address,
                    ConsoleRelay.ACTION,
                    environmentId,
                    containerId,
                    AuditService.DENIED,
                    "the console needs the operator role; "
                        + p.username()
                        + " is "
                        + p.role().wire());
                return CheckResult.rejectUpgradeSync(403);
              }
              ctx.userData().put(USERNAME, p.username());
              if (address != null) {
                ctx.userData().put(ADDRESS, address);
              }
              return CheckResult.permitUpgradeSync();
            });
  }

  private static Map<String, List<String>> challenge() {
    return Map.of("WWW-Authenticate", List.of("Bearer"));
  }
}
