package io.homelab.observer.tracking.logs.syslog;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a syslog TCP stream into messages (RFC 6587): octet counting ({@code "<len> <msg>"}) when
 * a frame starts with a digit, else newline-terminated (non-transparent) framing. One instance per
 * connection; a frame longer than {@link #MAX_FRAME} is cut there.
 */
final class SyslogFraming {

  static final int MAX_FRAME = 256 * 1024;

  private final Consumer<String> sink;
  private Buffer pending = Buffer.buffer();

  SyslogFraming(Consumer<String> sink) {
    this.sink = sink;
  }

  /** Feeds received bytes; complete frames go to the sink. */
  void feed(Buffer data) {
    pending.appendBuffer(data);
    int pos = 0;
    int n = pending.length();
    while (pos < n) {
      byte first = pending.getByte(pos);
      if (first >= '0' && first <= '9') {
        int sp = pos;
        while (sp < n && sp - pos < 8 && pending.getByte(sp) >= '0' && pending.getByte(sp) <= '9') {
          sp++;
        }
        if (sp >= n) {
          break; // length not complete yet
        }
        if (pending.getByte(sp) == ' ') {
          int len = Integer.parseInt(pending.getString(pos, sp, "US-ASCII"));
          if (sp + 1 + len > n) {
            if (len > MAX_FRAME) {
              // Too large to wait for: hand on what there is, drop the rest of it as it arrives.
              len = Math.min(len, n - sp - 1);
            } else {
              break;
            }
          }
          emit(pos = sp + 1, len);
          pos += len;
          continue;
        }
      }
      int nl = indexOf(pending, (byte) '\n', pos, n);
      if (nl < 0) {
        if (n - pos > MAX_FRAME) {
          emit(pos, n - pos);
          pos = n;
        }
        break;
      }
      emit(pos, nl - pos);
      pos = nl + 1;
    }
    pending = pos >= n ? Buffer.buffer() : pending.getBuffer(pos, n);
  }

  /** Flushes an unterminated last frame when the connection closes. */
  void close() {
    if (pending.length() > 0) {
      sink.accept(pending.toString(StandardCharsets.UTF_8));
      pending = Buffer.buffer();
    }
  }

  private void emit(int start, int len) {
    if (len > 0) {
      String frame = pending.getString(start, start + len, "UTF-8");
      if (!frame.isBlank()) {
        sink.accept(frame);
      }
    }
  }

  private static int indexOf(Buffer b, byte value, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b.getByte(i) == value) {
        return i;
      }
    }
    return -1;
  }
}
