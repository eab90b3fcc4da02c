package io.homelab.observer.dashboard.console;

import io.homelab.observer.common.console.RelaySocket;
import io.quarkus.websockets.next.WebSocket;

/**
 * The browser's end of a container console ({@code /containers/{env}/{cid}/console/ws}): relayed to
 * the controller's console with the session's own token, so the browser never holds one. {@link
 * ConsoleAccess} has checked the session, its role and the page's origin.
 */
@WebSocket(path = "/containers/{env}/{cid}/console/ws", endpointId = ConsoleSocket.ENDPOINT_ID)
public class ConsoleSocket extends RelaySocket {

  static final String ENDPOINT_ID = "dashboard-console";

  public ConsoleSocket(ConsoleRelay relay) {
    super(relay);
  }
}
