package io.homelab.observer.tracking.logs.syslog;

import io.homelab.observer.tracking.config.TrackingConfig;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.logs.LogLine;
import io.homelab.observer.tracking.logs.ingest.LogIngestService;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The syslog listener (off unless {@code homelab.tracking.logs.syslog-port} is set): UDP and TCP on
 * the same port. Messages are parsed on the event loop and queued; one writer thread stores what
 * queued as one batch, so a burst of datagrams costs one transaction, not one per line. Syslog has
 * no authentication: bind it to a trusted network ({@code syslog-host}).
 */
@Singleton
public class SyslogListener {

  /** Lines queued before new ones are dropped (and counted in the log) while the store lags. */
  static final int QUEUE = 200_000;

  static final int BATCH = 5000;

  private final TrackingConfig.Logs config;
  private final LogIngestService ingest;
  private final LinkedBlockingQueue<LogLine> queue = new LinkedBlockingQueue<>(QUEUE);
  private final ZoneId zone = ZoneId.systemDefault();
  private DatagramSocket udp;
  private NetServer tcp;
  private Thread writer;
  private volatile boolean running;
  private long dropped;

  public SyslogListener(TrackingConfig config, LogIngestService ingest) {
    this.config = config.logs();
    this.ingest = ingest;
  }

  void start(@Observes StartupEvent event, Vertx vertx) {
    if (config.syslogPort().isEmpty()) {
      return;
    }
    int port = config.syslogPort().getAsInt();
    String host = config.syslogHost();
    running = true;
    writer = new Thread(this::drain, "logs-syslog-writer");
    writer.setDaemon(true);
    writer.start();
    udp = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(4 << 20));
    udp.handler(
        packet ->
            accept(packet.data().toString(StandardCharsets.UTF_8), packet.sender().hostAddress()));
    udp.listen(port, host)
        .toCompletionStage()
        .toCompletableFuture()
        .orTimeout(30, TimeUnit.SECONDS)
        .join();
    tcp = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port));
    tcp.connectHandler(
        socket -> {
          String peer = socket.remoteAddress().hostAddress();
          SyslogFraming framing = new SyslogFraming(frame -> accept(frame, peer));
          socket.handler(framing::feed);
          socket.endHandler(v -> framing.close());
        });
    tcp.listen().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    Log.infof("syslog listener on %s:%d (UDP and TCP)", host, port);
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (udp != null) {
      udp.close();
    }
    if (tcp != null) {
      tcp.close();
    }
    if (writer != null) {
      writer.interrupt();
    }
  }

  private void accept(String frame, String peer) {
    LogLine line;
    try {
      line = SyslogParser.parse(frame, peer, System.currentTimeMillis(), zone);
    } catch (MlflowException e) {
      Log.debugf("syslog message from %s refused: %s", peer, e.getMessage());
      return;
    }
    if (!queue.offer(line) && (++dropped % 10_000) == 1) {
      Log.warnf("syslog: store lagging, %d message(s) dropped so far", dropped);
    }
  }

  private void drain() {
    List<LogLine> batch = new ArrayList<>(BATCH);
    while (running) {
      try {
        LogLine first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        ingest.ingest(List.copyOf(batch), null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        Log.warnf(e, "syslog: storing %d line(s) failed", batch.size());
      } finally {
        batch.clear();
      }
    }
  }
}
