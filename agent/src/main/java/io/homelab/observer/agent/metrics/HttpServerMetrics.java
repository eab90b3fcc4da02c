package io.homelab.observer.agent.metrics;

import io.homelab.observer.exporter.model.MetricFamily;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts and times of the agent's API (9001), as Micrometer's HTTP server binder names
 * them: {@code http_server_requests_seconds_count} and {@code _sum} with {@code method}, {@code
 * uri}, {@code status} and {@code outcome}. Served on {@code /q/metrics} with {@link JvmMetrics}.
 *
 * <p>{@code uri} is the route template ({@code /api/containers/{id}/logs}), derived from the path
 * here because the agent has no Micrometer to hand it over from the REST layer. A 404 is {@code
 * NOT_FOUND} and any path outside the agent's routes {@code UNKNOWN}, so the label stays bounded
 * whatever a client sends (an unsigned request to a made-up path is a 401, not a 404).
 */
@ApplicationScoped
public class HttpServerMetrics {

  private record Key(String method, String uri, String status, String outcome) {}

  private record Timer(LongAdder count, DoubleAdder seconds) {}

  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  void register(@Observes Filters filters) {
    // Runs before every route of the main router, so REST resources, the log route and the
    // console WebSocket are all timed; the end handler sees the final status.
    filters.register(this::time, 1000);
  }

  private void time(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(
        ignored -> {
          int status = ctx.response().getStatusCode();
          String uri = status == 404 ? "NOT_FOUND" : template(ctx.normalizedPath());
          Key key =
              new Key(
                  ctx.request().method().name(), uri, Integer.toString(status), outcome(status));
          Timer timer =
              timers.computeIfAbsent(key, k -> new Timer(new LongAdder(), new DoubleAdder()));
          timer.count().increment();
          timer.seconds().add((System.nanoTime() - start) / 1e9);
        });
    ctx.next();
  }

  List<MetricFamily> collect() {
    MetricFamily.Builder count =
        MetricFamily.counter(
            "http_server_requests_seconds_count", "Requests to the agent API, by route and status");
    MetricFamily.Builder sum =
        MetricFamily.counter(
            "http_server_requests_seconds_sum",
            "Time spent answering requests to the agent API, in seconds");
    timers.forEach(
        (k, t) -> {
          String[] labels = {
            "method", k.method(), "uri", k.uri(), "status", k.status(), "outcome", k.outcome()
          };
          count.add(t.count().sum(), labels.clone());
          sum.add(t.seconds().sum(), labels.clone());
        });
    return count.isEmpty() ? List.of() : List.of(count.build(), sum.build());
  }

  /**
   * The agent API's route template for a request path (SPEC.md "Agent API"), or {@code UNKNOWN}:
   * only the agent's own routes give a label value, so no request can add a series of its own.
   */
  static String template(String path) {
    String[] seg = path == null ? new String[0] : path.split("/", -1);
    // "/api/containers/x" splits to "", "api", "containers", "x".
    if (seg.length < 3 || !seg[0].isEmpty() || !"api".equals(seg[1])) {
      return "UNKNOWN";
    }
    String base = "/api/" + seg[2];
    int depth = seg.length - 3; // segments after the resource
    return switch (seg[2]) {
      case "ping", "pair", "host", "networks" -> depth == 0 ? base : "UNKNOWN";
      case "volumes" -> depth == 0 ? base : base + "/{name}";
      case "images" -> {
        if (depth == 0) {
          yield base;
        }
        yield depth == 1 && ("pull".equals(seg[3]) || "prune".equals(seg[3]))
            ? base + "/" + seg[3]
            : base + "/{id}"; // image references may contain slashes
      }
      case "containers" -> {
        if (depth == 0) {
          yield base;
        } else if (depth == 1) {
          yield base + "/{id}";
        } else if (depth > 2) {
          yield "UNKNOWN";
        }
        yield switch (seg[4]) {
          case "logs", "stats", "exec", "console" -> base + "/{id}/" + seg[4];
          default -> base + "/{id}/{action}";
        };
      }
      default -> "UNKNOWN";
    };
  }

  private static String outcome(int status) {
    if (status >= 100 && status < 200) {
      return "INFORMATIONAL";
    } else if (status < 300) {
      return "SUCCESS";
    } else if (status < 400) {
      return "REDIRECTION";
    } else if (status < 500) {
      return "CLIENT_ERROR";
    } else if (status < 600) {
      return "SERVER_ERROR";
    }
    return "UNKNOWN";
  }
}
