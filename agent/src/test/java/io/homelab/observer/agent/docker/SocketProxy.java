package io.homelab.observer.agent.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unix-socket forwarder in front of the real Docker socket, which a test can close (Docker
 * "stops") and make hang (Docker "stalls") without touching the shared dockerd that other suites
 * use.
 */
public final class SocketProxy implements AutoCloseable {

  private final Path listen;
  private final Path target;
  private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocketChannel server;
  private volatile boolean hang;

  public SocketProxy(Path listen, Path target) {
    this.listen = listen;
    this.target = target;
  }

  /** Starts accepting (again); forwarding unless {@link #hang(boolean)} is on. */
  public synchronized void start() throws IOException {
    Files.deleteIfExists(listen);
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(listen));
    server = s;
    Thread acceptor = new Thread(() -> acceptLoop(s), "docker-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** When on, connections are accepted but never answered. */
  public void hang(boolean on) {
    hang = on;
  }

  /** Closes the socket and every connection through it, as a stopped dockerd would. */
  public synchronized void stop() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
    for (SocketChannel c : open) {
      c.close();
    }
    open.clear();
    Files.deleteIfExists(listen);
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  private void acceptLoop(ServerSocketChannel s) {
    while (s.isOpen()) {
      try {
        SocketChannel client = s.accept();
        open.add(client);
        if (hang) {
          continue;
        }
        SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(target));
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(SocketChannel from, SocketChannel to) {
    Thread t =
        new Thread(
            () -> {
              ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
              try {
                while (from.read(buf) >= 0) {
                  buf.flip();
                  while (buf.hasRemaining()) {
                    to.write(buf);
                  }
                  buf.clear();
                }
              } catch (IOException ignored) {
                // One side closed: close both below.
              } finally {
                try {
                  to.shutdownOutput();
                } catch (IOException ignored) {
                  // Already closed.
                }
              }
            },
            "docker-proxy-pump");
    t.setDaemon(true);
    t.start();
  }
}
