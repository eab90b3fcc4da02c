package io.homelab.observer.tracking.trace;

import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.trace.Traces.Delete;
import io.homelab.observer.tracking.trace.Traces.Deleted;
import io.homelab.observer.tracking.trace.Traces.Found;
import io.homelab.observer.tracking.trace.Traces.Get;
import io.homelab.observer.tracking.trace.Traces.Ids;
import io.homelab.observer.tracking.trace.Traces.LinkToRun;
import io.homelab.observer.tracking.trace.Traces.ManyInfos;
import io.homelab.observer.tracking.trace.Traces.ManyTraces;
import io.homelab.observer.tracking.trace.Traces.OneTrace;
import io.homelab.observer.tracking.trace.Traces.SearchV3;
import io.homelab.observer.tracking.trace.Traces.StartV3;
import io.homelab.observer.tracking.trace.Traces.Tag;
import io.homelab.observer.tracking.trace.Traces.Trace;
import io.homelab.observer.tracking.trace.Traces.TraceInfo;
import io.homelab.observer.tracking.wire.RequestReader;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.resteasy.reactive.RestPath;

/**
 * MLflow 3's trace routes as the 3.17 client calls them: under {@code /api/3.0/mlflow/traces}
 * (start, get info, get, batchGet, batchGetInfos, search, delete-traces) and {@code
 * /api/2.0/mlflow/traces} (tags, delete-traces, link-to-run); both versions answer every route, as
 * do the {@code /ajax-api} twins.
 */
@Path(TraceResource.PREFIX + "/traces")
@Produces(MediaType.APPLICATION_JSON)
public class TraceResource {

  /** The 2.0 and 3.0 API prefixes, also under {@code /ajax-api}. */
  static final String PREFIX = "{prefix:(api|ajax-api)/[23]\\.0/mlflow}";

  private final TraceService traces;
  private final RequestReader reader;
  private final LegacyTraces legacy;

  public TraceResource(TraceService traces, RequestReader reader, LegacyTraces legacy) {
    this.traces = traces;
    this.legacy = legacy;
    this.reader = reader;
  }

  @POST
  public Object start(String body) {
    StartV3 req = reader.body(body, StartV3.class);
    if (req.trace() == null) {
      LegacyTraces.Start v2 = reader.body(body, LegacyTraces.Start.class);
      if (v2.experimentId() != null) {
        return legacy.start(v2);
      }
    }
    TraceInfo info = traces.start(req.trace() == null ? null : req.trace().traceInfo());
    return new OneTrace(new Trace(info, null));
  }

  /** MLflow 2's EndTrace. */
  @PATCH
  @Path("{traceId}")
  public LegacyTraces.OneInfo end(@RestPath String traceId, String body) {
    return legacy.end(traceId, reader.body(body, LegacyTraces.Start.class));
  }

  /** MLflow 2's GetTraceInfo. */
  @GET
  @Path("{traceId}/info")
  public LegacyTraces.OneInfo legacyInfo(@RestPath String traceId) {
    return legacy.info(traceId);
  }

  @POST
  @Path("search")
  public Found search(String body) {
    SearchV3 req = reader.body(body, SearchV3.class);
    List<String> experimentIds =
        req.locations() == null
            ? List.of()
            : req.locations().stream()
                .map(Traces.Location::experimentId)
                .filter(Objects::nonNull)
                .toList();
    Page<TraceInfo> page =
        traces.search(
            experimentIds, req.filter(), req.maxResults(), req.orderBy(), req.pageToken());
    return new Found(page.items(), page.nextPageToken());
  }

  @GET
  @Path("get")
  public OneTrace get(@Context UriInfo uri) {
    Get req = reader.query(uri.getQueryParameters(), Get.class);
    return new OneTrace(traces.trace(req.traceId(), Boolean.TRUE.equals(req.allowPartial())));
  }

  @GET
  @Path("batchGet")
  public ManyTraces batchGet(@Context UriInfo uri) {
    Ids req = reader.query(uri.getQueryParameters(), Ids.class);
    return new ManyTraces(traces.batch(req.traceIds(), req.experimentIds()));
  }

  @POST
  @Path("batchGetInfos")
  public ManyInfos batchGetInfos(String body) {
    Ids req = reader.body(body, Ids.class);
    return new ManyInfos(traces.batchInfos(req.traceIds(), req.experimentIds()));
  }

  @POST
  @Path("delete-traces")
  public Deleted delete(String body) {
    Delete req = reader.body(body, Delete.class);
    return new Deleted(
        traces.delete(
            req.experimentId(), req.maxTimestampMillis(), req.maxTraces(), req.requestIds()));
  }

  @POST
  @Path("link-to-run")
  public Map<String, Object> linkToRun(String body) {
    LinkToRun req = reader.body(body, LinkToRun.class);
    traces.linkToRun(req.traceIds(), req.runId());
    return Map.of();
  }

  @GET
  @Path("{traceId}")
  public OneTrace info(@RestPath String traceId) {
    return new OneTrace(new Trace(traces.info(traceId), null));
  }

  @PATCH
  @Path("{traceId}/tags")
  public Map<String, Object> setTag(@RestPath String traceId, String body) {
    Tag req = reader.body(body, Tag.class);
    traces.setTag(traceId, req.key(), req.value());
    return Map.of();
  }

  @DELETE
  @Path("{traceId}/tags")
  public Map<String, Object> deleteTag(
      @RestPath String traceId, String body, @Context UriInfo uri) {
    Tag req = reader.bodyOrQuery(body, uri.getQueryParameters(), Tag.class);
    traces.deleteTag(traceId, req.key());
    return Map.of();
  }
}
