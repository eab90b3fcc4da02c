package io.homelab.observer.tracking.logs.ingest;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.logs.Levels;
import io.homelab.observer.tracking.logs.LogLine;
import io.homelab.observer.tracking.logs.store.LogIds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits every ingested line is held to, whichever path it came by; a line that breaks one
 * fails its whole batch with a message naming it, so a sender never has half a batch stored.
 */
public final class LineRules {

  /** Longest message kept; longer ones are refused rather than silently cut. */
  public static final int MAX_MESSAGE = 256 * 1024;

  static final int MAX_NAME = 253;
  static final int MAX_LABELS = 64;
  static final int MAX_LABEL_NAME = 128;
  static final int MAX_LABEL_VALUE = 1024;

  /** Most entries in one request. */
  public static final int MAX_ENTRIES = 50_000;

  private LineRules() {}

  /**
   * A checked, normalised line; {@code where} names it in errors ({@code "entries[3]"}). A missing
   * level is inferred from the message.
   */
  public static LogLine line(
      String where,
      Long timestamp,
      String host,
      String service,
      String level,
      String message,
      Map<String, String> labels) {
    if (timestamp == null) {
      throw MlflowException.invalid(where + ".timestamp is missing (milliseconds since the epoch)");
    }
    if (timestamp < 0 || timestamp > LogIds.MAX_TIMESTAMP) {
      throw MlflowException.invalid(where + ".timestamp " + timestamp + " is out of range");
    }
    name(where + ".host", host);
    name(where + ".service", service);
    if (message == null) {
      throw MlflowException.invalid(where + ".message is missing");
    }
    if (message.length() > MAX_MESSAGE) {
      throw MlflowException.invalid(
          where + ".message is longer than " + MAX_MESSAGE + " characters");
    }
    // The sender's map is kept as it is unless a value must change (LogLine copies it anyway):
    // one map per line instead of two.
    Map<String, String> clean = labels == null ? Map.of() : labels;
    if (labels != null) {
      if (labels.size() > MAX_LABELS) {
        throw MlflowException.invalid(where + ".labels has more than " + MAX_LABELS + " labels");
      }
      for (Map.Entry<String, String> l : labels.entrySet()) {
        String name = l.getKey();
        if (name.isEmpty() || name.length() > MAX_LABEL_NAME || !validLabelName(name)) {
          throw MlflowException.invalid(
              where + ".labels: '" + name + "' is not a label name ([A-Za-z0-9_.-], 1-128)");
        }
        String value = l.getValue() == null ? "" : controlFree(l.getValue());
        if (value.length() > MAX_LABEL_VALUE) {
          throw MlflowException.invalid(where + ".labels." + name + " is too long");
        }
        if (!value.equals(l.getValue())) {
          if (clean == labels) {
            clean = new LinkedHashMap<>(labels);
          }
          clean.put(name, value);
        }
      }
    }
    // PostgreSQL text cannot hold NUL; SQLite could, but both stores must keep the same text.
    if (message.indexOf('\0') >= 0) {
      message = message.replace('\0', '\uFFFD');
    }
    if (!controlFree(host).equals(host) || !controlFree(service).equals(service)) {
      throw MlflowException.invalid(where + ": host and service must not hold control characters");
    }
    String lvl = level == null || level.isBlank() ? Levels.infer(message) : Levels.normalise(level);
    return new LogLine(timestamp, host, service, lvl, message, clean);
  }

  private static void name(String what, String value) {
    if (value == null || value.isBlank()) {
      throw MlflowException.invalid(what + " is missing");
    }
    if (value.length() > MAX_NAME) {
      throw MlflowException.invalid(what + " is longer than " + MAX_NAME + " characters");
    }
  }

  /** NUL and the stream-key separators (0x1e, 0x1f) replaced by U+FFFD. */
  static String controlFree(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c == 0x1e || c == 0x1f) {
        return s.replace('\0', '\uFFFD').replace('\u001e', '\uFFFD').replace('\u001f', '\uFFFD');
      }
    }
    return s;
  }

  /** Label names are kept simple so {@code label.<name>:} and LogQL selectors can name them. */
  static boolean validLabelName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
