package io.homelab.observer.common.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Reads the {@code data:} payloads of a server-sent-event stream, one element per event. */
final class SseReader {

  /**
   * Longest event accepted (characters); a longer line or event ends the stream with an error, so a
   * hostile agent cannot make the reader buffer without end.
   */
  static final int MAX_EVENT_CHARS = 1024 * 1024;

  private SseReader() {}

  /** {@link BufferedReader#readLine()} that refuses a line longer than {@code max} characters. */
  static String readLine(BufferedReader reader, int max) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = reader.read()) != -1) {
      if (c == '\n') {
        return line.toString();
      }
      if (c == '\r') {
        reader.mark(1);
        if (reader.read() != '\n') {
          reader.reset();
        }
        return line.toString();
      }
      if (line.length() >= max) {
        throw new IOException("event stream line longer than " + max + " characters");
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }

  /**
   * Events of {@code in}; multi-line data is joined with {@code \n}; closing the stream closes
   * {@code in}.
   */
  static Stream<String> dataLines(InputStream in) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    Iterator<String> events =
        new Iterator<>() {
          private String next;

          @Override
          public boolean hasNext() {
            if (next != null) {
              return true;
            }
            try {
              StringBuilder data = null;
              String line;
              while ((line = readLine(reader, MAX_EVENT_CHARS)) != null) {
                if (line.isEmpty()) {
                  if (data != null) {
                    next = data.toString();
                    return true;
                  }
                  continue;
                }
                if (line.startsWith("data:")) {
                  String value = line.substring(5);
                  if (value.startsWith(" ")) {
                    value = value.substring(1);
                  }
                  data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                  if (data.length() > MAX_EVENT_CHARS) {
                    throw new IOException(
                        "event stream event longer than " + MAX_EVENT_CHARS + " characters");
                  }
                }
                // Comments (":"), "event:", "id:" and "retry:" lines carry nothing the client
                // needs.
              }
              if (data != null) {
                next = data.toString();
                return true;
              }
              return false;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }

          @Override
          public String next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            String n = next;
            next = null;
            return n;
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false)
        .onClose(
            () -> {
              try {
                // The raw body first: BufferedReader.close() waits for the lock a blocked
                // readLine() holds, so
                // on a quiet follow it would hang until the next event; closing the body wakes the
                // reader.
                in.close();
                reader.close();
              } catch (IOException ignored) {
                // Closing a cancelled HTTP body may fail; the connection is released either way.
              }
            });
  }
}
