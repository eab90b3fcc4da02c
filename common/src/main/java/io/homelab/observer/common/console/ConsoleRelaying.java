package io.homelab.observer.common.console;

import io.quarkus.websockets.next.WebSocketConnection;

/** What a {@link RelaySocket} hands each client event to: the service's own console relay. */
public interface ConsoleRelaying {

  /** Runs on a worker thread: connects upstream and waits for its answer (bounded). */
  void open(WebSocketConnection client);

  /** The client's input, as text ({@code text}) or binary frames. */
  void input(WebSocketConnection client, byte[] bytes, boolean text);

  /** The client went away. */
  void closed(WebSocketConnection client);
}
