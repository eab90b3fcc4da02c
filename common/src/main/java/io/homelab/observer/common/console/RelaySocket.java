package io.homelab.observer.common.console;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The client's end of a relayed console: every event goes to the service's relay. Each service's
 * endpoint extends this with only its {@code @WebSocket} path (the WebSocket extension finds the
 * callbacks on the superclass). Frames sent are stdin; the TTY's output comes back as binary
 * frames; a text frame starting with {@code error:} explains a refusal just before the close.
 */
public abstract class RelaySocket {

  private final ConsoleRelaying relay;

  protected RelaySocket(ConsoleRelaying relay) {
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
