package io.homelab.observer.agent.logship;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The level of a log line when the line shows one, as the common formats write it: {@code
 * level=warn} (logfmt), {@code "level":"error"} (JSON loggers), {@code [ERROR]} or a bare
 * upper-case {@code ERROR} / {@code WARN} near the start (log4j, Python logging, nginx's {@code
 * [error]}). Anything else has no level: a guess from a word in the middle of free text would
 * mislabel lines.
 */
final class LevelGuess {

  // logfmt and JSON: the key names level, lvl or severity, any case of the value.
  private static final Pattern KEYED =
      Pattern.compile(
          "(?i)\"?\\b(?:level|lvl|severity)\"?\\s*[=:]\\s*\"?([a-z]+)", Pattern.CASE_INSENSITIVE);
  // Bracketed anywhere in the first 80 characters, any case: [error], [WARN], <info>.
  private static final Pattern BRACKETED = Pattern.compile("[\\[<(]([A-Za-z]+)[\\]>)]");
  // A bare upper-case word among the first few words (after a timestamp or a logger name).
  private static final Pattern BARE =
      Pattern.compile(
          "^(?:\\S+\\s+){0,5}?(ERROR|ERR|FATAL|CRITICAL|CRIT|WARNING|WARN|INFO|DEBUG|TRACE|NOTICE)\\b:?");

  private LevelGuess() {}

  /** {@code error}, {@code warn}, {@code info} or {@code debug}; null when the line shows none. */
  static String of(String line) {
    String head = line.length() > 200 ? line.substring(0, 200) : line;
    Matcher m = KEYED.matcher(head);
    if (m.find()) {
      String level = normal(m.group(1));
      if (level != null) {
        return level;
      }
    }
    m = BRACKETED.matcher(head.length() > 80 ? head.substring(0, 80) : head);
    while (m.find()) {
      String level = normal(m.group(1));
      if (level != null) {
        return level;
      }
    }
    m = BARE.matcher(head);
    return m.find() ? normal(m.group(1)) : null;
  }

  private static String normal(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "error", "err", "fatal", "critical", "crit", "panic", "alert", "emerg", "emergency" ->
          "error";
      case "warn", "warning" -> "warn";
      case "info", "notice", "information" -> "info";
      case "debug", "trace" -> "debug";
      default -> null;
    };
  }
}
