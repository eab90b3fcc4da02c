package io.homelab.observer.tracking.logs.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.wire.BoundedBody;
import io.homelab.observer.tracking.wire.RequestReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * {@code POST /api/2.0/homelab/logs}: JSON ingestion (docs/logs.md), by basic auth or an ingest
 * token ({@code logs.token.IngestTokenFilter}).
 */
@Path(LogIngestResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class LogIngestResource {

  /** Base path of the homelab logs API. */
  public static final String PATH = "/api/2.0/homelab/logs";

  private final LogIngestService ingest;
  private final RequestReader reader;
  private final ObjectMapper json;

  public LogIngestResource(LogIngestService ingest, RequestReader reader, ObjectMapper json) {
    this.ingest = ingest;
    this.reader = reader;
    this.json = json;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public IngestRequest.Result ingest(InputStream body) {
    // The server takes bodies of any size (artifact uploads): this route bounds its own. With basic
    // auth on, the auth filter has already read the body (bounded too) and the reader binds that.
    byte[] bytes = BoundedBody.readAll(body, BoundedBody.MAX_IN_MEMORY);
    if (!reader.hasCanonicalRequest()) {
      IngestBodyParser.Batch batch = IngestBodyParser.parse(json.getFactory(), bytes);
      if (batch != null) {
        return ingest.ingestChecked(batch.lines(), batch.batchId());
      }
    }
    return ingest.ingest(reader.objectBody(bytes, IngestRequest.class));
  }
}
