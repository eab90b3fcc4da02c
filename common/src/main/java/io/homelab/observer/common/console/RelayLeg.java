package io.homelab.observer.common.console;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The upstream half of one relayed console (the controller's leg to the agent, the dashboard's leg
 * to the controller): receives the upstream's frames and passes each to the client's connection,
 * asking the upstream for the next only once the client took it (so a slow client slows the shell
 * instead of filling memory); sends the client's input upstream one frame after the other, as the
 * JDK WebSocket requires.
 */
public final class RelayLeg implements WebSocket.Listener {

  private final WebSocketConnection client;
  private final String upstreamName;
  private final StringBuilder partialText = new StringBuilder();
  private volatile WebSocket upstream;
  private volatile long lastActivity = System.nanoTime();
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

  /**
   * @param upstreamName what the upstream is called in the close reason the client reads when it
   *     fails ("agent", "controller")
   */
  public RelayLeg(WebSocketConnection client, String upstreamName) {
    this.client = client;
    this.upstreamName = upstreamName;
  }

  /** Nanotime of the last frame either way. */
  public long lastActivity() {
    return lastActivity;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    this.upstream = webSocket;
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    lastActivity = System.nanoTime();
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    relay(webSocket, client.sendBinary(Buffer.buffer(bytes)));
    return null;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    lastActivity = System.nanoTime();
    partialText.append(data);
    if (!last) {
      webSocket.request(1);
      return null;
    }
    String text = partialText.toString();
    partialText.setLength(0);
    relay(webSocket, client.sendText(text));
    return null;
  }

  private void relay(WebSocket webSocket, Uni<Void> sent) {
    sent.subscribe()
        .with(
            ok -> webSocket.request(1),
            failure -> {
              Log.debugf("console client went away: %s", failure.getMessage());
              webSocket.abort();
            });
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    if (client.isOpen()) {
      // 1005/1006 mean "no code"/"dropped" and may not be sent in a close frame.
      int code = statusCode == 1005 || statusCode == 1006 ? 1000 : statusCode;
      client.close(new CloseReason(code, reason == null ? "" : reason)).subscribe().with(x -> {});
    }
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    Log.debugf("console %s connection failed: %s", upstreamName, error.getMessage());
    if (client.isOpen()) {
      client
          .close(new CloseReason(1011, upstreamName + " connection failed"))
          .subscribe()
          .with(x -> {});
    }
  }

  /** Queues the client's input for the upstream behind any frame still being sent. */
  public synchronized void send(byte[] bytes, boolean text) {
    WebSocket ws = upstream;
    if (ws == null) {
      return;
    }
    lastActivity = System.nanoTime();
    sending =
        sending.thenCompose(
            x ->
                text
                    ? ws.sendText(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), true)
                    : ws.sendBinary(ByteBuffer.wrap(bytes), true));
    sending.exceptionally(
        e -> {
          onError(ws, e);
          return null;
        });
  }

  /**
   * Ends the upstream side: a close frame, then the connection itself if the upstream does not
   * answer.
   */
  public void close() {
    WebSocket ws = upstream;
    if (ws != null && !ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed")
          .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
          .whenComplete((x, e) -> ws.abort());
    } else if (ws != null) {
      ws.abort();
    }
  }
}
