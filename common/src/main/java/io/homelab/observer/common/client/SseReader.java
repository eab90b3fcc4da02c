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

  private SseReader() {}

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
              while ((line = reader.readLine()) != null) {
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
