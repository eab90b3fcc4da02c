package io.homelab.observer.tracking.trace;

import io.homelab.observer.tracking.error.BodyTooLargeException;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.wire.BoundedBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The OTLP/HTTP span endpoint MLflow 3 serves, {@code POST /v1/traces}: a protobuf {@code
 * ExportTraceServiceRequest} (gzip allowed), the experiment in header {@code
 * x-mlflow-experiment-id}; answers an empty protobuf {@code ExportTraceServiceResponse}.
 */
@Path("/v1/traces")
public class OtlpResource {

  /** Largest body, before and after decompression. */
  static final long MAX_DECODED = BoundedBody.MAX_IN_MEMORY;

  private final SpanService spans;

  public OtlpResource(SpanService spans) {
    this.spans = spans;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response export(
      InputStream stream,
      @HeaderParam("x-mlflow-experiment-id") String experimentId,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Encoding") String contentEncoding) {
    String type = contentType == null ? "" : contentType.split(";")[0].trim();
    if (!type.equals("application/x-protobuf")) {
      throw MlflowException.invalid(
          "Invalid Content-Type: " + contentType + ". Expected: application/x-protobuf");
    }
    // The server takes bodies of any size (artifact uploads), so this route bounds its own.
    byte[] body = BoundedBody.readAll(stream, MAX_DECODED);
    byte[] bytes = body;
    if (contentEncoding != null && contentEncoding.trim().equalsIgnoreCase("gzip")) {
      bytes = gunzip(body);
    } else if (contentEncoding != null
        && !contentEncoding.isBlank()
        && !contentEncoding.trim().equalsIgnoreCase("identity")) {
      throw MlflowException.invalid("Unsupported Content-Encoding: " + contentEncoding);
    }
    spans.log(experimentId, bytes);
    // An empty ExportTraceServiceResponse is zero bytes.
    return Response.ok(new byte[0], "application/x-protobuf").build();
  }

  private static byte[] gunzip(byte[] body) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      byte[] out = in.readNBytes(Math.toIntExact(MAX_DECODED + 1));
      if (out.length > MAX_DECODED) {
        throw new BodyTooLargeException(MAX_DECODED);
      }
      return out;
    } catch (IOException e) {
      throw MlflowException.invalid("Invalid gzip body.");
    }
  }
}
