package io.homelab.observer.controller.console;

import io.homelab.observer.common.console.RelaySocket;
import io.quarkus.websockets.next.WebSocket;

/**
 * {@code GET /api/environments/{id}/containers/{cid}/console}, upgraded to a WebSocket: the
 * container's shell, relayed to and from the agent's signed console. Frames sent are stdin; the
 * TTY's output comes back as binary frames; a text frame starting with {@code error:} explains a
 * refusal just before the close. {@link ConsoleAccess} has authenticated the upgrade.
 */
@WebSocket(
    path = "/api/environments/{id}/containers/{cid}/console",
    endpointId = ConsoleSocket.ENDPOINT_ID)
public class ConsoleSocket extends RelaySocket {

  static final String ENDPOINT_ID = "controller-console";

  public ConsoleSocket(ConsoleRelay relay) {
    super(relay);
  }
}
