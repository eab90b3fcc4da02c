package io.homelab.observer.tracking.logs;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Log levels: the names senders use (syslog severities, Log4j, Python, Go's slog, ...) folded into
 * six, and a guess from the message text when a sender gives none.
 */
public final class Levels {

  public static final String TRACE = "trace";
  public static final String DEBUG = "debug";
  public static final String INFO = "info";
  public static final String WARN = "warn";
  public static final String ERROR = "error";
  public static final String FATAL = "fatal";

  /** Longest level name kept; anything longer is cut (the column is VARCHAR(16) on PostgreSQL). */
  static final int MAX_LENGTH = 16;

  // A level word standing alone near the start of the line ("2026-01-01 ERROR ...", "[warn]",
  // "level=error"); later in the line it is more often part of the text ("0 errors").
  private static final Pattern LEVEL_WORD =
      Pattern.compile(
          "(?i)(?:^|[\\s\\[(<|=\"'])(trace|debug|info|notice|warn|warning|err|error|crit|critical"
              + "|alert|emerg|fatal|panic|severe)(?=$|[\\s\\]):>|,\"'])");

  private static final int SEARCH_PREFIX = 120;

  private static final String[] CANONICAL = {INFO, ERROR, WARN, DEBUG, TRACE, FATAL};

  private Levels() {}

  /** One of the six names for a sender's level name; unknown names are kept, lower-cased. */
  public static String normalise(String level) {
    // Most senders already write one of the six: answered without trimming, lower-casing and
    // hashing a fresh string per line (measurable at 100,000 lines/s).
    for (String known : CANONICAL) {
      if (known.equals(level)) {
        return known;
      }
    }
    String l = level.trim().toLowerCase(Locale.ROOT);
    return switch (l) {
      case "trace", "verbose", "finest", "finer" -> TRACE;
      case "debug", "dbug", "fine", "config" -> DEBUG;
      case "info", "information", "informational", "notice", "" -> INFO;
      case "warn", "warning", "wrn" -> WARN;
      case "error", "err", "eror", "severe" -> ERROR;
      case "fatal", "crit", "critical", "alert", "emerg", "emergency", "panic" -> FATAL;
      default -> l.length() > MAX_LENGTH ? l.substring(0, MAX_LENGTH) : l;
    };
  }

  /** The level a message shows near its start, or {@code info}. */
  public static String infer(String message) {
    String head = message.length() > SEARCH_PREFIX ? message.substring(0, SEARCH_PREFIX) : message;
    Matcher m = LEVEL_WORD.matcher(head);
    return m.find() ? normalise(m.group(1)) : INFO;
  }

  /** The level a syslog severity (0 emergency .. 7 debug) stands for. */
  public static String ofSyslogSeverity(int severity) {
    return switch (severity) {
      case 0, 1, 2 -> FATAL;
      case 3 -> ERROR;
      case 4 -> WARN;
      case 5, 6 -> INFO;
      default -> DEBUG;
    };
  }
}
