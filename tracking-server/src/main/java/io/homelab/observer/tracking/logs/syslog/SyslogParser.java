package io.homelab.observer.tracking.logs.syslog;

import io.homelab.observer.tracking.logs.Levels;
import io.homelab.observer.tracking.logs.LogLine;
import io.homelab.observer.tracking.logs.ingest.LineRules;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One syslog message to a log line: RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD
 * MSG}), RFC 3164 ({@code <PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG}) and the RFC 3164 variant with
 * an RFC 3339 timestamp that Go's log/syslog and so Docker's {@code syslog} driver write. Host is
 * the message's HOSTNAME (else the sender's address), service the APP-NAME or TAG (else {@code
 * syslog}), level the severity; facility, procid and msgid become labels.
 */
public final class SyslogParser {

  private SyslogParser() {}

  /** Parses one frame; {@code peer} is the sender's address, {@code zone} for RFC 3164 times. */
  public static LogLine parse(String frame, String peer, long nowMs, ZoneId zone) {
    String s = stripTrailingNewline(frame);
    int pri = 13; // user.notice, RFC 3164 section 4.3.3 for a message without PRI
    int i = 0;
    if (s.startsWith("<")) {
      int close = s.indexOf('>');
      if (close > 1 && close <= 4) {
        try {
          pri = Integer.parseInt(s.substring(1, close));
          i = close + 1;
        } catch (NumberFormatException e) {
          i = 0;
        }
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("facility", Integer.toString(pri >> 3));
    String level = Levels.ofSyslogSeverity(pri & 7);
    String rest = s.substring(i);
    if (rest.startsWith("1 ")) {
      return rfc5424(rest.substring(2), peer, nowMs, level, labels);
    }
    return rfc3164(rest, peer, nowMs, zone, level, labels);
  }

  private static LogLine rfc5424(
      String s, String peer, long nowMs, String level, Map<String, String> labels) {
    String[] f = s.split(" ", 6);
    long ts = nowMs;
    if (f.length > 0 && !f[0].equals("-")) {
      try {
        ts = OffsetDateTime.parse(f[0]).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        // keep the receive time
      }
    }
    String host = field(f, 1);
    String app = field(f, 2);
    putIf(labels, "procid", field(f, 3));
    putIf(labels, "msgid", field(f, 4));
    String msg = f.length > 5 ? skipStructuredData(f[5]) : "";
    if (msg.startsWith("\uFEFF")) {
      msg = msg.substring(1); // the BOM RFC 5424 puts before UTF-8 text
    }
    return line(ts, host == null ? peer : host, app, level, msg, labels);
  }

  private static LogLine rfc3164(
      String s, String peer, long nowMs, ZoneId zone, String level, Map<String, String> labels) {
    long ts = nowMs;
    String rest = s;
    int sp = s.indexOf(' ');
    if (s.length() >= 16 && s.charAt(15) == ' ' && Character.isLetter(s.charAt(0))) {
      try {
        LocalDateTime t =
            LocalDateTime.parse(
                ZonedDateTime.now(zone).getYear() + " " + s.substring(0, 15),
                DateTimeFormatter.ofPattern("yyyy MMM ppd HH:mm:ss", Locale.ENGLISH));
        ts = t.atZone(zone).toInstant().toEpochMilli();
        rest = s.substring(16);
      } catch (DateTimeParseException e) {
        rest = s;
      }
    } else if (sp > 0 && Character.isDigit(s.charAt(0))) {
      try {
        ts = OffsetDateTime.parse(s.substring(0, sp)).toInstant().toEpochMilli();
        rest = s.substring(sp + 1);
      } catch (DateTimeParseException e) {
        rest = s;
      }
    }
    String host = peer;
    int hsp = rest.indexOf(' ');
    if (hsp > 0 && rest != s) {
      String candidate = rest.substring(0, hsp);
      // A HOSTNAME never ends with ':' or holds '[', a TAG does: then the host field was left out.
      if (!candidate.endsWith(":") && candidate.indexOf('[') < 0) {
        host = candidate;
        rest = rest.substring(hsp + 1);
      }
    }
    String app = null;
    int colon = rest.indexOf(": ");
    int tagEnd = colon;
    if (colon > 0 && colon <= 64 && rest.substring(0, colon).indexOf(' ') < 0) {
      String tag = rest.substring(0, tagEnd);
      int bracket = tag.indexOf('[');
      if (bracket > 0 && tag.endsWith("]")) {
        putIf(labels, "procid", tag.substring(bracket + 1, tag.length() - 1));
        tag = tag.substring(0, bracket);
      }
      app = tag;
      rest = rest.substring(colon + 2);
    }
    return line(ts, host, app, level, rest, labels);
  }

  private static LogLine line(
      long ts, String host, String app, String level, String msg, Map<String, String> labels) {
    // rsyslog keeps the space after "TAG:" in %msg%, so its RFC 5424 output starts the message
    // with one; a leading space carries no meaning in a log line.
    String text = msg.stripLeading();
    String message =
        text.length() > LineRules.MAX_MESSAGE ? text.substring(0, LineRules.MAX_MESSAGE) : text;
    return LineRules.line(
        "syslog message",
        ts,
        host == null || host.isBlank() ? "unknown" : host,
        app == null || app.isBlank() ? "syslog" : app,
        level,
        message,
        labels);
  }

  private static String skipStructuredData(String s) {
    if (s.startsWith("- ")) {
      return s.substring(2);
    }
    if (s.equals("-")) {
      return "";
    }
    int i = 0;
    while (i < s.length() && s.charAt(i) == '[') {
      boolean quoted = false;
      i++;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ']' && !quoted) {
          break;
        }
        i++;
      }
      i++;
    }
    return i < s.length() && s.charAt(i) == ' '
        ? s.substring(i + 1)
        : s.substring(Math.min(i, s.length()));
  }

  private static String field(String[] f, int i) {
    return f.length > i && !f[i].equals("-") && !f[i].isEmpty() ? f[i] : null;
  }

  private static void putIf(Map<String, String> labels, String name, String value) {
    if (value != null) {
      labels.put(name, value);
    }
  }

  private static String stripTrailingNewline(String s) {
    int end = s.length();
    while (end > 0
        && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r' || s.charAt(end - 1) == 0)) {
      end--;
    }
    return s.substring(0, end);
  }
}
