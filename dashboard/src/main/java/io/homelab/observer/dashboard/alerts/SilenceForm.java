package io.homelab.observer.dashboard.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The silence form's two free-text fields, read the way Alertmanager's {@code amtool silence add}
 * reads them: matchers like {@code alertname=HostDown, environment=~"vm-.*"} and a duration like
 * {@code 2h}. Parsing happens here so that a typo is answered on the page, not by the controller.
 */
final class SilenceForm {

  /** Longest silence the form creates; longer ones are almost always a typo (2000h for 2h). */
  static final Duration MAX = Duration.ofDays(365);

  private static final Pattern MATCHER =
      Pattern.compile(
          "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,\\s\"]+)\\s*(,|$)");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhdw])");

  private SilenceForm() {}

  /** Alertmanager matcher objects ({@code name, value, isRegex, isEqual}) in the order typed. */
  static List<Map<String, Object>> matchers(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "A silence needs at least one matcher, like alertname=HostDown.");
    }
    List<Map<String, Object>> result = new ArrayList<>();
    String input = text.trim();
    Matcher m = MATCHER.matcher(input);
    int at = 0;
    while (at < input.length()) {
      if (!m.find(at) || m.start() != at) {
        int where = at;
        while (Character.isWhitespace(input.charAt(where))) {
          where++;
        }
        throw new IllegalArgumentException(
            "Cannot read the matchers at character "
                + (where + 1)
                + ": write name=value, name!=value, name=~regex or name!~regex, separated by commas.");
      }
      String op = m.group(2);
      String value = m.group(4) != null ? m.group(4).replaceAll("\\\\(.)", "$1") : m.group(3);
      Map<String, Object> matcher = new LinkedHashMap<>();
      matcher.put("name", m.group(1));
      matcher.put("value", value);
      matcher.put("isRegex", op.endsWith("~"));
      matcher.put("isEqual", op.startsWith("="));
      result.add(matcher);
      at = m.end();
    }
    return result;
  }

  /** {@code 90m}, {@code 2h}, {@code 1d12h}, {@code 1w}: a positive duration up to {@link #MAX}. */
  static Duration duration(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    Matcher m = DURATION.matcher(t);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < t.length() && m.find(at) && m.start() == at) {
      long n = Long.parseLong(m.group(1).length() > 9 ? "999999999" : m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
              });
      at = m.end();
    }
    if (t.isEmpty() || at != t.length() || total.isZero() || total.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(
          "Duration must be like 30m, 2h, 1d or 1w, at most 365 days (got "
              + (text == null ? "" : text.trim())
              + ").");
    }
    return total;
  }
}
