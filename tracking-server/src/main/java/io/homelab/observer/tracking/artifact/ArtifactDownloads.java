package io.homelab.observer.tracking.artifact;

import io.homelab.observer.tracking.error.MlflowException;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the download response of an artifact: the file itself, streamed by the HTTP layer from
 * disk (never read into memory), always as an attachment with {@code X-Content-Type-Options:
 * nosniff}, so an uploaded HTML or SVG file can never run as a page of this server (MLflow's {@code
 * _send_artifact}).
 */
@Singleton
public class ArtifactDownloads {

  /** Types by extension, as Python's mimetypes answers for what ML runs usually log. */
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("txt", "text/plain"),
          Map.entry("log", "text/plain"),
          Map.entry("json", "application/json"),
          Map.entry("yaml", "text/yaml"),
          Map.entry("yml", "text/yaml"),
          Map.entry("csv", "text/csv"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("html", "text/html"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("gz", "application/gzip"),
          Map.entry("zip", "application/zip"),
          Map.entry("parquet", "application/octet-stream"),
          Map.entry("pkl", "application/octet-stream"));

  private final ArtifactStore store;

  public ArtifactDownloads(ArtifactStore store) {
    this.store = store;
  }

  /** The file at a raw (unchecked) artifact path, or 404 RESOURCE_DOES_NOT_EXIST. */
  public Response send(String rawPath) {
    Path file =
        store
            .file(rawPath)
            .orElseThrow(
                () ->
                    MlflowException.notFound(
                        "Artifact not found: '" + ArtifactPaths.normalise(rawPath) + "'"));
    String name = file.getFileName().toString();
    return Response.ok(file)
        .header("Content-Type", mimeType(name))
        .header("Content-Disposition", contentDisposition(name))
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  static String mimeType(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  /** RFC 6266 attachment with an ASCII fallback and an RFC 5987 UTF-8 name. */
  static String contentDisposition(String name) {
    StringBuilder ascii = new StringBuilder();
    StringBuilder encoded = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean attrChar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$&+-.^_`|~".indexOf(c) >= 0;
      encoded.append(attrChar ? String.valueOf((char) c) : String.format("%%%02X", c));
    }
    for (char ch : name.toCharArray()) {
      ascii.append(ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' ? ch : '_');
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
