package io.homelab.observer.common.console;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open consoles of one relay, by client connection, and the refusal a client reads. */
public final class RelayLegs {

  private final Map<String, RelayLeg> open = new ConcurrentHashMap<>();

  /** Registers the leg once its upstream answered; closes it at once if the client already left. */
  public void opened(WebSocketConnection client, RelayLeg leg) {
    open.put(client.id(), leg);
    if (!client.isOpen()) {
      closed(client);
    }
  }

  /** Passes the client's input to its leg; empty frames and unknown clients are ignored. */
  public void input(WebSocketConnection client, byte[] bytes, boolean text) {
    RelayLeg leg = open.get(client.id());
    if (leg != null && bytes.length > 0) {
      leg.send(bytes, text);
    }
  }

  public void closed(WebSocketConnection client) {
    RelayLeg leg = open.remove(client.id());
    if (leg != null) {
      leg.close();
    }
  }

  public int size() {
    return open.size();
  }

  /** Closes the consoles without a frame either way for longer than {@code limitNanos}. */
  public void closeIdle(long limitNanos) {
    long now = System.nanoTime();
    open.forEach(
        (id, leg) -> {
          if (now - leg.lastActivity() > limitNanos) {
            open.remove(id);
            leg.close();
          }
        });
  }

  public void closeAll() {
    open.values().forEach(RelayLeg::close);
    open.clear();
  }

  /** Tells the client why as an {@code error:} text frame, then closes with {@code code}. */
  public static void refuse(WebSocketConnection client, int code, String message) {
    if (client.isOpen()) {
      client.sendTextAndAwait("error: " + message);
      // A close reason fits in 123 bytes.
      client.closeAndAwait(
          new CloseReason(code, message.length() <= 100 ? message : message.substring(0, 100)));
    }
  }
}
