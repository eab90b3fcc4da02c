package io.homelab.observer.dashboard.console;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The browser's end of a container console ({@code /containers/{env}/{cid}/console/ws}): relayed to
 * the controller's console with the session's own token, so the browser never holds one. {@link
 * ConsoleAccess} has checked the session, its role and the page's origin.
 */
@WebSocket(path = "/containers/{env}/{cid}/console/ws", endpointId = ConsoleSocket.ENDPOINT_ID)
public class ConsoleSocket {

  static final String ENDPOINT_ID = "dashboard-console";

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
