package io.homelab.observer.tracking.logs.search;

import io.homelab.observer.tracking.logs.LogEntry;
import io.homelab.observer.tracking.logs.ingest.LogIngestResource;
import io.homelab.observer.tracking.logs.query.LogMatcher;
import io.homelab.observer.tracking.logs.query.LogQueryParser;
import io.homelab.observer.tracking.logs.search.LogSearchService.Range;
import io.homelab.observer.tracking.logs.search.SearchModels.Counts;
import io.homelab.observer.tracking.logs.search.SearchModels.EntryView;
import io.homelab.observer.tracking.logs.search.SearchModels.SearchPage;
import io.homelab.observer.tracking.logs.tail.LogTail;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Reading the logs: {@code search}, {@code counts}, {@code export} and the live {@code tail}
 * (server-sent events) under {@code /api/2.0/homelab/logs} (docs/logs.md).
 */
@Path(LogIngestResource.PATH)
public class LogSearchResource {

  private final LogSearchService search;
  private final LogTail tail;
  private final LogExport export;

  public LogSearchResource(LogSearchService search, LogTail tail, LogExport export) {
    this.search = search;
    this.tail = tail;
    this.export = export;
  }

  @GET
  @Path("search")
  @Produces(MediaType.APPLICATION_JSON)
  public SearchPage search(
      @RestQuery String q,
      @RestQuery String from,
      @RestQuery String to,
      @RestQuery Integer limit,
      @RestQuery("page_token") String pageToken) {
    return search.search(q, Range.of(from, to), limit, pageToken);
  }

  @GET
  @Path("counts")
  @Produces(MediaType.APPLICATION_JSON)
  public Counts counts(
      @RestQuery String q,
      @RestQuery String from,
      @RestQuery String to,
      @RestQuery String bucket,
      @RestQuery String by) {
    return search.counts(q, Range.of(from, to), bucket, by);
  }

  @GET
  @Path("export")
  public Response export(
      @RestQuery String q,
      @RestQuery String from,
      @RestQuery String to,
      @RestQuery String format,
      @RestQuery Long limit) {
    LogExport.Format f = LogExport.Format.of(format);
    // Checked before streaming starts, so a bad query is still a 400 with MLflow's body.
    LogQueryParser.parse(q);
    Range range = Range.of(from, to);
    long max = limit == null ? Long.MAX_VALUE : Math.max(0, limit);
    StreamingOutput body = out -> export.write(q, range, max, f, out);
    return Response.ok(body, f.mediaType())
        .header("Content-Disposition", "attachment; filename=\"logs." + f.extension() + "\"")
        .build();
  }

  @GET
  @Path("tail")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<EntryView> tail(@RestQuery String q) {
    LogMatcher matcher = new LogMatcher(LogQueryParser.parse(q));
    return tail.follow(matcher).map((LogEntry e) -> LogSearchService.view(e, matcher));
  }
}
