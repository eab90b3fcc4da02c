package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostFiles;
import io.homelab.observer.exporter.scrape.NoDataException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Small helpers for reading /proc and /sys files (they are tiny, so read whole). */
final class ProcText {

  private ProcText() {}

  /** Whole file; a missing file is "no data", as for node_exporter on kernels without it. */
  static String read(Path p) throws IOException {
    try {
      return HostFiles.read(p);
    } catch (NoSuchFileException e) {
      throw new NoDataException("no " + p);
    }
  }

  /** Trimmed content, or empty when the file is missing or unreadable (sysfs attributes). */
  static Optional<String> attr(Path p) {
    try {
      return Optional.of(HostFiles.read(p).trim());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Attribute parsed as a number, or empty. */
  static Optional<Double> number(Path p) {
    return attr(p).flatMap(ProcText::parse);
  }

  static Optional<Double> parse(String s) {
    try {
      return Optional.of(Double.parseDouble(s.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Splits on runs of spaces and tabs, ignoring leading and trailing ones. Hand-written because
   * {@code String.split("\\s+")} compiles a regex per call, and a scrape splits thousands of lines.
   */
  static String[] fields(String line) {
    // One pass into a growing array: under C1 every charAt is a call with a bounds check, and
    // netstat's lines have over a hundred fields.
    int n = line.length();
    String[] out = new String[8];
    int count = 0;
    int i = 0;
    while (true) {
      while (i < n && isBlank(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      while (i < n && !isBlank(line.charAt(i))) {
        i++;
      }
      if (count == out.length) {
        out = Arrays.copyOf(out, count * 2);
      }
      out[count++] = line.substring(start, i);
    }
    if (count == 0) {
      return new String[] {""};
    }
    return count == out.length ? out : Arrays.copyOf(out, count);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
