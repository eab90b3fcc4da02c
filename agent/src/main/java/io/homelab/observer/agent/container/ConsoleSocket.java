package io.homelab.observer.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.docker.Streaming;
import io.homelab.observer.common.error.ApiException;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interactive console: {@code GET /api/containers/{id}/console} upgraded to a WebSocket (the
 * upgrade request is signed and checked by the signature filter before this endpoint sees it).
 * Frames from the client are the shell's stdin; the shell's TTY output comes back as binary frames.
 */
@WebSocket(path = "/api/containers/{id}/console")
public class ConsoleSocket {

  /** The shell started in the container; busybox and most images have it. */
  static final String[] SHELL = {"/bin/sh"};

  private final DockerClient docker;
  private final DockerClient streaming;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final ExecGuard guard;

  public ConsoleSocket(DockerClient docker, @Streaming DockerClient streaming, ExecGuard guard) {
    this.guard = guard;
    this.docker = docker;
    this.streaming = streaming;
  }

  private record Session(StdinStream stdin, ResultCallback.Adapter<Frame> output) {}

  @OnOpen
  public void open(WebSocketConnection connection) {
    String id = connection.pathParam("id");
    String execId;
    try {
      ContainerService.checkId(id);
      guard.check(id);
      execId =
          DockerCalls.run(
              "container " + id,
              () ->
                  docker
                      .execCreateCmd(id)
                      .withCmd(SHELL)
                      .withTty(true)
                      .withAttachStdin(true)
                      .withAttachStdout(true)
                      .withAttachStderr(true)
                      .exec()
                      .getId());
    } catch (ApiException e) {
      connection.sendTextAndAwait("error: " + e.getMessage());
      connection.closeAndAwait(new CloseReason(1008, e.code()));
      return;
    }
    StdinStream stdin = new StdinStream();
    ResultCallback.Adapter<Frame> output =
        streaming
            .execStartCmd(execId)
            .withTty(true)
            .withStdIn(stdin)
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Frame frame) {
                    if (connection.isOpen()) {
                      connection.sendBinaryAndAwait(Buffer.buffer(frame.getPayload()));
                    }
                  }

                  @Override
                  public void onComplete() {
                    if (connection.isOpen()) {
                      connection.closeAndAwait();
                    }
                  }

                  @Override
                  public void onError(Throwable t) {
                    Log.debugf("console of %s ended: %s", id, t.getMessage());
                    if (connection.isOpen()) {
                      connection.closeAndAwait(new CloseReason(1011, "console ended"));
                    }
                  }
                });
    sessions.put(connection.id(), new Session(stdin, output));
  }

  @OnTextMessage
  public void text(String message, WebSocketConnection connection) {
    input(connection, message.getBytes(StandardCharsets.UTF_8));
  }

  @OnBinaryMessage
  public void binary(Buffer message, WebSocketConnection connection) {
    input(connection, message.getBytes());
  }

  private void input(WebSocketConnection connection, byte[] bytes) {
    Session s = sessions.get(connection.id());
    if (s != null) {
      s.stdin().offer(bytes);
    }
  }

  @OnClose
  public void close(WebSocketConnection connection) {
    Session s = sessions.remove(connection.id());
    if (s != null) {
      s.stdin().close();
      try {
        s.output().close();
      } catch (IOException ignored) {
        // Docker's side already closed.
      }
    }
  }

  /** stdin for the exec: chunks handed over from WebSocket frames, end of stream on close. */
  static final class StdinStream extends InputStream {
    private static final byte[] EOF = new byte[0];
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(1024);
    private byte[] current = new byte[0];
    private int pos;
    private volatile boolean closed;

    void offer(byte[] bytes) {
      if (!closed && bytes.length > 0) {
        chunks.offer(bytes);
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos >= current.length) {
        if (closed && chunks.isEmpty()) {
          return -1;
        }
        try {
          current = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
        pos = 0;
        if (current == EOF) {
          return -1;
        }
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void close() {
      closed = true;
      chunks.offer(EOF);
    }
  }
}
