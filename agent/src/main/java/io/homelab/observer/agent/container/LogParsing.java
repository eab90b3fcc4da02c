package io.homelab.observer.agent.container;

import com.github.dockerjava.api.model.StreamType;
import io.homelab.observer.common.wire.LogLine;

/**
 * Turns Docker's log lines (optionally prefixed by an RFC 3339 timestamp) into {@link LogLine}s.
 */
final class LogParsing {

  private LogParsing() {}

  static LogLine line(StreamType type, String text, boolean timestamps) {
    String stream = type == StreamType.STDERR ? "stderr" : "stdout";
    String message = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    if (timestamps) {
      int space = message.indexOf(' ');
      if (space > 0 && Character.isDigit(message.charAt(0))) {
        return new LogLine(stream, message.substring(0, space), message.substring(space + 1));
      }
    }
    return new LogLine(stream, null, message);
  }
}
