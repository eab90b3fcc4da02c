package io.homelab.observer.tracking.logs.loki;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.logs.LogLine;
import io.homelab.observer.tracking.logs.ingest.LineRules;
import io.homelab.observer.tracking.logs.ingest.LogIngestService;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loki streams to log lines: {@code host} and {@code service} come from the first label that names
 * them (Promtail and Alloy configs use several names), the level from a level label or the text;
 * every other label is kept as a label.
 */
@Singleton
public class LokiPushService {

  static final List<String> HOST_LABELS = List.of("host", "hostname", "instance", "node");
  static final List<String> SERVICE_LABELS =
      List.of(
          "service",
          "service_name",
          "app",
          "compose_service",
          "container_name",
          "container",
          "job",
          "unit");
  static final List<String> LEVEL_LABELS = List.of("level", "detected_level", "severity");

  private final LokiPushDecoder decoder;
  private final LogIngestService ingest;

  public LokiPushService(LokiPushDecoder decoder, LogIngestService ingest) {
    this.decoder = decoder;
    this.ingest = ingest;
  }

  /** Decodes and stores one push; returns the number of lines stored. */
  public int push(byte[] body, String contentType, String contentEncoding) {
    List<LokiPushDecoder.Stream> streams = decoder.decode(body, contentType, contentEncoding);
    List<LogLine> lines = new ArrayList<>();
    int s = 0;
    for (LokiPushDecoder.Stream stream : streams) {
      Map<String, String> labels = new LinkedHashMap<>(stream.labels());
      String host = take(labels, HOST_LABELS, false);
      String service = take(labels, SERVICE_LABELS, true);
      String level = first(labels, LEVEL_LABELS);
      int i = 0;
      for (LokiPushDecoder.Line line : stream.lines()) {
        lines.add(
            LineRules.line(
                "streams[" + s + "].values[" + i++ + "]",
                Math.floorDiv(line.nanos(), 1_000_000L),
                host,
                service,
                level,
                line.text(),
                labels));
        if (lines.size() > LineRules.MAX_ENTRIES) {
          throw MlflowException.invalid("more than " + LineRules.MAX_ENTRIES + " lines in a push");
        }
      }
      s++;
    }
    return ingest.ingest(lines, null).accepted();
  }

  /**
   * The first of {@code names} present; "host"/"service" themselves become fields, other names stay
   * as labels too (a LogQL selector on {@code job} must still find the stream).
   */
  private static String take(Map<String, String> labels, List<String> names, boolean isService) {
    String own = isService ? "service" : "host";
    String v = labels.remove(own);
    if (v != null && !v.isBlank()) {
      return v;
    }
    String found = first(labels, names);
    return found == null || found.isBlank() ? "unknown" : found;
  }

  private static String first(Map<String, String> labels, List<String> names) {
    for (String n : names) {
      String v = labels.get(n);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
