package io.homelab.observer.controller.console;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/environments/{id}/containers/{cid}/console}, upgraded to a WebSocket: the
 * container's shell, relayed to and from the agent's signed console. Frames sent are stdin; the
 * TTY's output comes back as binary frames; a text frame starting with {@code error:} explains a
 * refusal just before the close. {@link ConsoleAccess} has authenticated the upgrade.
 */
@WebSocket(
    path = "/api/environments/{id}/containers/{cid}/console",
    endpointId = ConsoleSocket.ENDPOINT_ID)
public class ConsoleSocket {

  static final String ENDPOINT_ID = "controller-console";

  private final ConsoleRelay relay;

  public ConsoleSocket(ConsoleRelay relay) {
    this.relay = relay;
  }

  @OnOpen
  public void open(WebSocketConnection connection) {
    relay.open(connection);
  }

  @OnTextMessage
  public void text(String message, WebSocketConnection connection) {
    relay.input(connection, message.getBytes(StandardCharsets.UTF_8), true);
  }

  @OnBinaryMessage
  public void binary(Buffer message, WebSocketConnection connection) {
    relay.input(connection, message.getBytes(), false);
  }

  @OnClose
  public void close(WebSocketConnection connection) {
    relay.closed(connection);
  }
}
