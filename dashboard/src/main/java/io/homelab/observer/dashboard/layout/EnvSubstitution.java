package io.homelab.observer.dashboard.layout;

import io.homelab.observer.dashboard.config.DashboardConfigException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} anywhere in dashboard.yml becomes the environment variable's value, as in glance;
 * a missing variable is an error naming its line, comment lines are skipped, and {@code \${...}}
 * stays literal.
 */
final class EnvSubstitution {

  private static final Pattern VAR = Pattern.compile("(\\\\?)\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private EnvSubstitution() {}

  static String apply(String text, Map<String, String> env) {
    StringBuilder out = new StringBuilder(text.length());
    Matcher m = VAR.matcher(text);
    int last = 0;
    while (m.find()) {
      out.append(text, last, m.start());
      if (inComment(text, m.start())) {
        out.append(m.group());
        last = m.end();
        continue;
      }
      if (!m.group(1).isEmpty()) {
        out.append("${").append(m.group(2)).append('}');
      } else {
        String value = env.get(m.group(2));
        if (value == null) {
          throw new DashboardConfigException(
              lineOf(text, m.start()), "environment variable " + m.group(2) + " is not set");
        }
        out.append(value);
      }
      last = m.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  /** Comment lines are left alone: a documented {@code ${NAME}} there is no reference. */
  private static boolean inComment(String text, int offset) {
    int start = text.lastIndexOf('\n', offset - 1) + 1;
    return text.substring(start, offset).stripLeading().startsWith("#");
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
