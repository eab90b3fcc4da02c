package io.homelab.observer.agent.logship;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits the body of Docker's {@code GET /containers/{id}/logs} into lines: multiplexed frames
 * (8-byte header: stream type, three zero bytes, big-endian length) for a container without TTY,
 * one raw stream (all {@code stdout}) for a TTY container. A line ends at {@code \n}; a trailing
 * {@code \r} is dropped; a last line without newline is given out when the stream ends.
 */
final class DockerLogStream {

  /** Receives each complete line. */
  @FunctionalInterface
  interface LineSink {
    void line(String stream, String text) throws IOException;
  }

  private final boolean tty;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
  private final ByteArrayOutputStream err = new ByteArrayOutputStream(256);

  DockerLogStream(boolean tty) {
    this.tty = tty;
  }

  /** Reads {@code body} until it ends (the container stopped, or the stream was closed). */
  void read(InputStream body, LineSink sink) throws IOException {
    if (tty) {
      byte[] buf = new byte[8192];
      for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
        split(buf, n, out, "stdout", sink);
      }
    } else {
      DataInputStream in = new DataInputStream(body);
      byte[] header = new byte[8];
      byte[] buf = new byte[8192];
      while (readHeader(in, header)) {
        int size =
            ((header[4] & 0xff) << 24)
                | ((header[5] & 0xff) << 16)
                | ((header[6] & 0xff) << 8)
                | (header[7] & 0xff);
        boolean stderr = header[0] == 2;
        while (size > 0) {
          int n = in.read(buf, 0, Math.min(size, buf.length));
          if (n < 0) {
            throw new EOFException("Docker log frame cut short");
          }
          split(buf, n, stderr ? err : out, stderr ? "stderr" : "stdout", sink);
          size -= n;
        }
      }
    }
    flush(out, "stdout", sink);
    flush(err, "stderr", sink);
  }

  private static boolean readHeader(DataInputStream in, byte[] header) throws IOException {
    int first = in.read();
    if (first < 0) {
      return false;
    }
    header[0] = (byte) first;
    in.readFully(header, 1, 7);
    return true;
  }

  private static void split(
      byte[] buf, int n, ByteArrayOutputStream pending, String stream, LineSink sink)
      throws IOException {
    int start = 0;
    for (int i = 0; i < n; i++) {
      if (buf[i] == '\n') {
        pending.write(buf, start, i - start);
        flush(pending, stream, sink);
        start = i + 1;
      }
    }
    pending.write(buf, start, n - start);
  }

  private static void flush(ByteArrayOutputStream pending, String stream, LineSink sink)
      throws IOException {
    if (pending.size() == 0) {
      return;
    }
    String text = pending.toString(StandardCharsets.UTF_8);
    pending.reset();
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    sink.line(stream, text);
  }
}
