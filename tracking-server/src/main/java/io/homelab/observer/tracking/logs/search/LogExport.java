package io.homelab.observer.tracking.logs.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.logs.LogEntry;
import io.homelab.observer.tracking.logs.search.LogSearchService.Range;
import jakarta.inject.Singleton;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.TreeMap;

/** Export of matching entries as JSON lines or CSV (RFC 4180), streamed page by page. */
@Singleton
public class LogExport {

  /** Export formats. */
  public enum Format {
    JSONL("application/x-ndjson", "jsonl"),
    CSV("text/csv; charset=utf-8", "csv");

    private final String mediaType;
    private final String extension;

    Format(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }

    public String mediaType() {
      return mediaType;
    }

    public String extension() {
      return extension;
    }

    /** {@code jsonl} (default) or {@code csv}. */
    public static Format of(String name) {
      if (name == null || name.isEmpty() || name.equals("jsonl") || name.equals("json")) {
        return JSONL;
      }
      if (name.equals("csv")) {
        return CSV;
      }
      throw MlflowException.invalid("format must be jsonl or csv, not " + name);
    }
  }

  private final LogSearchService search;
  private final ObjectMapper json;

  public LogExport(LogSearchService search, ObjectMapper json) {
    this.search = search;
    this.json = json;
  }

  /** Writes up to {@code max} matching entries, newest first. */
  public void write(String q, Range range, long max, Format format, OutputStream out)
      throws IOException {
    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    if (format == Format.CSV) {
      w.write("time,timestamp,host,service,level,message,labels\r\n");
    }
    try {
      search.each(q, range, max, e -> line(e, format, w));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    w.flush();
  }

  private void line(LogEntry e, Format format, BufferedWriter w) {
    try {
      if (format == Format.JSONL) {
        w.write(json.writeValueAsString(LogSearchService.view(e, null)));
        w.write('\n');
        return;
      }
      String labels = json.writeValueAsString(new TreeMap<>(e.labels()));
      w.write(
          String.join(
              ",",
              Instant.ofEpochMilli(e.timestamp()).toString(),
              Long.toString(e.timestamp()),
              csv(e.host()),
              csv(e.service()),
              csv(e.level()),
              csv(e.message()),
              csv(labels)));
      w.write("\r\n");
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static String csv(String s) {
    boolean quote =
        s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    // A leading = + - @ makes spreadsheets evaluate the cell; a quote character neutralises it.
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
