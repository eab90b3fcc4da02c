package io.homelab.observer.agent.metrics;

import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.text.ExpositionWriter;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /metrics} and {@code GET /health} on the management interface (9100), where Prometheus
 * scrapes node_exporter today (SPEC.md "Metrics"), and the agent's own {@code GET /q/metrics}.
 *
 * <p>Routes are added to the management router rather than written as a REST resource because
 * Quarkus REST serves only the main port (9001).
 */
@ApplicationScoped
public class MetricsRoutes {

  private final MetricsService metrics;
  private final HttpServerMetrics http;
  private final Instance<OwnMetrics> features;

  public MetricsRoutes(
      MetricsService metrics, HttpServerMetrics http, @Any Instance<OwnMetrics> features) {
    this.metrics = metrics;
    this.http = http;
    this.features = features;
  }

  void register(@Observes ManagementInterface mi) {
    // Collectors read files and may wait on Docker: run them off the event loop, unordered so
    // concurrent scrapes (two Prometheus servers) do not queue behind each other.
    mi.router().get("/metrics").blockingHandler(this::scrape, false);
    // The agent's own JVM/process metrics where the other services have them (Micrometer's path).
    mi.router().get("/q/metrics").blockingHandler(this::own, false);
    mi.router()
        .get("/health")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end("{\"status\":\"UP\"}"));
  }

  void scrape(RoutingContext ctx) {
    send(ctx, metrics.scrape());
  }

  void own(RoutingContext ctx) {
    List<MetricFamily> families = new ArrayList<>(JvmMetrics.collect());
    families.addAll(http.collect());
    features.forEach(f -> families.addAll(f.collect()));
    send(ctx, families);
  }

  // The text of a scrape (~100 KB with a few containers) is built in a buffer kept per worker
  // thread: a fresh one, grown twice, was the largest allocation of a scrape after file reads.
  private static final ThreadLocal<StringBuilder> TEXT =
      ThreadLocal.withInitial(() -> new StringBuilder(64 * 1024));

  private static void send(RoutingContext ctx, List<MetricFamily> families) {
    ExpositionWriter writer = ExpositionWriter.forAccept(ctx.request().getHeader("Accept"));
    StringBuilder text = TEXT.get();
    text.setLength(0);
    writer.write(families, text);
    byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
    var response = ctx.response().putHeader("Content-Type", writer.contentType());
    String encoding = ctx.request().getHeader("Accept-Encoding");
    if (encoding != null && encoding.contains("gzip")) {
      body = gzip(body);
      response.putHeader("Content-Encoding", "gzip");
    }
    response.end(Buffer.buffer(body));
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new IllegalStateException("gzip to memory failed", e);
    }
    return out.toByteArray();
  }
}
