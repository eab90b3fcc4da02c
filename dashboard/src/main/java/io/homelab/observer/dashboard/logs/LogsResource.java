package io.homelab.observer.dashboard.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.JsonExtensions;
import io.homelab.observer.dashboard.upstream.TrackingClient;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Central logs: search with the tracking server's query language, a histogram of the matches over
 * time, and a live tail (the results re-read every few seconds while "live" is on).
 */
@Path("/logs")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class LogsResource {

  static final Map<String, Long> RANGES =
      Map.of("15m", 900L, "1h", 3600L, "24h", 86400L, "7d", 604800L);
  static final int BUCKETS = 30;

  /** One histogram bar. */
  @TemplateData
  public record Bucket(String label, int count, long percent) {}

  private final TrackingClient tracking;
  private final Pages pages;
  private final Template page;
  private final Template results;

  public LogsResource(
      TrackingClient tracking,
      Pages pages,
      @Location("logs/page.html") Template page,
      @Location("logs/results.html") Template results) {
    this.tracking = tracking;
    this.pages = pages;
    this.page = page;
    this.results = results;
  }

  @GET
  public TemplateInstance page(
      @RestQuery String q, @RestQuery String range, @RestQuery boolean live) {
    return fill(page.data("ctx", pages.context("logs", "Logs")).data("live", live), q, range);
  }

  /** The results alone, for the live tail. */
  @GET
  @Path("/results")
  public TemplateInstance results(
      @RestQuery String q, @RestQuery String range, @RestQuery boolean live) {
    return fill(results.data("live", live), q, range);
  }

  private TemplateInstance fill(TemplateInstance t, String q, String range) {
    String query = q == null ? "" : q;
    String r = range != null && RANGES.containsKey(range) ? range : "1h";
    long to = Instant.now().toEpochMilli();
    long from = to - RANGES.get(r) * 1000;
    t.data("q", query).data("range", r).data("qParam", ControllerClient.enc(query));
    try {
      JsonNode res =
          tracking.get(
              "/api/2.0/homelab/logs/search?q="
                  + ControllerClient.enc(query)
                  + "&from="
                  + from
                  + "&to="
                  + to
                  + "&limit=500");
      long width = Math.max(1, (to - from) / BUCKETS);
      JsonNode counts =
          tracking.get(
              "/api/2.0/homelab/logs/counts?q="
                  + ControllerClient.enc(query)
                  + "&from="
                  + from
                  + "&to="
                  + to
                  + "&bucket="
                  + width
                  + "ms&by=level");
      return t.data("entries", JsonExtensions.unwrap(res.path("entries")))
          .data("histogram", histogram(counts.path("buckets"), from, to))
          .data("error", null);
    } catch (UpstreamException e) {
      return t.data("entries", List.of())
          .data("histogram", List.of())
          .data("error", e.getMessage());
    }
  }

  /**
   * The tracking server's counts per bucket (every match, not only the listed page), summed over
   * levels, laid on {@link #BUCKETS} bars from {@code from}.
   */
  static List<Bucket> histogram(JsonNode buckets, long from, long to) {
    int[] counts = new int[BUCKETS];
    long width = Math.max(1, (to - from) / BUCKETS);
    for (JsonNode b : buckets) {
      int i = (int) Math.floorDiv(b.path("start").asLong() - from, width);
      int n = 0;
      for (JsonNode c : b.path("counts")) {
        n += c.asInt();
      }
      // Buckets are aligned to the epoch: the first and last may start just outside the range.
      counts[Math.max(0, Math.min(BUCKETS - 1, i))] += n;
    }
    int max = 1;
    for (int c : counts) {
      max = Math.max(max, c);
    }
    List<Bucket> out = new ArrayList<>();
    for (int i = 0; i < BUCKETS; i++) {
      out.add(
          new Bucket(
              Instant.ofEpochMilli(from + i * width).toString(),
              counts[i],
              Math.round(100.0 * counts[i] / max)));
    }
    return out;
  }
}
