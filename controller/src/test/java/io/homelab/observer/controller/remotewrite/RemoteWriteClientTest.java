package io.homelab.observer.controller.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import com.sun.net.httpserver.HttpServer;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.homelab.observer.controller.metrics.Sample;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire format decoded back field by field, the retry / reject decision against a real HTTP
 * receiver on loopback, and the bounded on-disk queue. Under a second.
 */
class RemoteWriteClientTest {

  record Received(Map<String, String> headers, byte[] body) {}

  @Test
  void bodyIsSnappyProtobufWithSortedLabelsAndRawNaNBits() throws Exception {
    double stale = Double.longBitsToDouble(0x7ff0000000000002L);
    byte[] body =
        WriteRequestEncoder.encode(
            List.of(
                sample(Map.of("__name__", "up", "job", "node", "empty", ""), 1000, 1),
                sample(Map.of("__name__", "up", "job", "node", "empty", ""), 2000, stale),
                sample(Map.of("__name__", "load1"), 1500, 0.25)));
    List<Object[]> series = decode(body);
    assertThat(series).hasSize(2);
    assertThat(series.get(0)[0]).isEqualTo(List.of("__name__=up", "job=node"));
    @SuppressWarnings("unchecked")
    List<double[]> samples = (List<double[]>) series.get(0)[1];
    assertThat(samples).hasSize(2);
    assertThat(samples.get(0)).containsExactly(1.0, 1000);
    assertThat(Double.doubleToRawLongBits(samples.get(1)[0])).isEqualTo(0x7ff0000000000002L);
    assertThat(series.get(1)[0]).isEqualTo(List.of("__name__=load1"));
  }

  @Test
  void retriesServerErrorsAndDropsWhatTheReceiverRefuses() throws Exception {
    AtomicInteger status = new AtomicInteger(503);
    ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/write",
        e -> {
          Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          e.getRequestHeaders().forEach((k, v) -> h.put(k, v.get(0)));
          received.add(new Received(h, e.getRequestBody().readAllBytes()));
          e.sendResponseHeaders(status.get(), -1);
          e.close();
        });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/write");
      RemoteWriteClient client =
          new RemoteWriteClient(
              url,
              Optional.empty(),
              Optional.of("grafana"),
              Optional.of("pw"),
              Duration.ofSeconds(5));
      byte[] body = WriteRequestEncoder.encode(List.of(sample(Map.of("__name__", "x"), 1, 1)));
      assertThat(client.send(body).outcome()).isEqualTo(RemoteWriteClient.Outcome.RETRY);
      status.set(429);
      assertThat(client.send(body).outcome()).isEqualTo(RemoteWriteClient.Outcome.RETRY);
      status.set(400);
      assertThat(client.send(body).outcome()).isEqualTo(RemoteWriteClient.Outcome.REJECTED);
      status.set(204);
      assertThat(client.send(body).outcome()).isEqualTo(RemoteWriteClient.Outcome.DELIVERED);
      Received last = received.stream().reduce((a, b) -> b).orElseThrow();
      assertThat(last.headers())
          .containsEntry("Content-Encoding", "snappy")
          .containsEntry("Content-Type", "application/x-protobuf")
          .containsEntry("X-Prometheus-Remote-Write-Version", "0.1.0")
          .containsEntry("Authorization", "Basic Z3JhZmFuYTpwdw==");
      assertThat(last.body()).isEqualTo(body);
    } finally {
      server.stop(0);
    }
    // a receiver that is not there is retried, not dropped
    RemoteWriteClient nobody =
        new RemoteWriteClient(
            URI.create("http://127.0.0.1:1/api/v1/write"),
            Optional.of("t"),
            Optional.empty(),
            Optional.empty(),
            Duration.ofSeconds(2));
    assertThat(nobody.send(new byte[] {0}).outcome()).isEqualTo(RemoteWriteClient.Outcome.RETRY);
  }

  @Test
  void queueKeepsOrderAcrossReopenAndDropsTheOldestBeyondItsBound(@TempDir Path dir)
      throws IOException {
    DiskQueue q = new DiskQueue(dir, 250);
    for (int i = 0; i < 3; i++) {
      q.add(RequestFile.wrap(i, new byte[96]));
    }
    // 3 x 100 bytes > 250: the first went
    assertThat(q.size()).isEqualTo(2);
    assertThat(q.dropped()).isEqualTo(1);
    Files.writeString(dir.resolve("00000000000000000099.req.tmp"), "torn");
    DiskQueue reopened = new DiskQueue(dir, 250);
    assertThat(reopened.size()).isEqualTo(2);
    assertThat(reopened.bytes()).isEqualTo(200);
    Path head = reopened.peek().orElseThrow();
    assertThat(RequestFile.unwrap(Files.readAllBytes(head)).samples()).isEqualTo(1);
    reopened.remove(head);
    assertThat(RequestFile.unwrap(Files.readAllBytes(reopened.peek().orElseThrow())).samples())
        .isEqualTo(2);
    assertThat(Files.exists(dir.resolve("00000000000000000099.req.tmp"))).isFalse();
    reopened.add(RequestFile.wrap(7, new byte[10]));
    assertThat(reopened.size()).isEqualTo(2);
  }

  private static Sample sample(Map<String, String> labels, long t, double v) {
    return new Sample(new TreeMap<>(labels), t, v);
  }

  /** [labels as "name=value" list, samples as {value, timestamp}] per time series. */
  private static List<Object[]> decode(byte[] snappy) throws IOException {
    byte[] raw = new byte[SnappyDecompressor.getUncompressedLength(snappy, 0)];
    new SnappyDecompressor().decompress(snappy, 0, snappy.length, raw, 0, raw.length);
    List<Object[]> out = new ArrayList<>();
    CodedInputStream in = CodedInputStream.newInstance(raw);
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      assertThat(tag >>> 3).isEqualTo(1);
      CodedInputStream ts = CodedInputStream.newInstance(in.readByteArray());
      List<String> labels = new ArrayList<>();
      List<double[]> samples = new ArrayList<>();
      while (!ts.isAtEnd()) {
        int t = ts.readTag();
        CodedInputStream m = CodedInputStream.newInstance(ts.readByteArray());
        if (t >>> 3 == 1) {
          String name = null;
          String value = null;
          while (!m.isAtEnd()) {
            int f = m.readTag();
            if (f >>> 3 == 1) {
              name = m.readString();
            } else {
              value = m.readString();
            }
          }
          labels.add(name + "=" + value);
        } else {
          double value = 0;
          long at = 0;
          while (!m.isAtEnd()) {
            int f = m.readTag();
            if (f >>> 3 == 1) {
              value = m.readDouble();
            } else {
              at = m.readInt64();
            }
          }
          samples.add(new double[] {value, at});
        }
      }
      out.add(new Object[] {labels, samples});
    }
    return out;
  }
}
