package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.scrape.NoDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
      return readString(p);
    } catch (NoSuchFileException e) {
      throw new NoDataException("no " + p);
    }
  }

  /** Trimmed content, or empty when the file is missing or unreadable (sysfs attributes). */
  static Optional<String> attr(Path p) {
    try {
      return Optional.of(readString(p).trim());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static final ThreadLocal<byte[]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[16 * 1024]);

  /**
   * Reads with a large first read. {@code Files.readAllBytes} sizes its buffer from the file size,
   * which is 0 for proc files, and then reads one byte; a sysctl file answers a read at offset 1
   * with EOF, so {@code /proc/sys/fs/file-nr} would come back as its first digit.
   */
  private static String readString(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      // A per-thread first-read buffer: a scrape reads hundreds of small sysfs files, and a fresh
      // 8 KB buffer for each was 60% of a scrape's garbage (and of the agent's young collections).
      // Growing past it copies into a new array, so the scratch buffer itself never escapes; the
      // text is decoded straight from it.
      byte[] buf = SCRATCH.get();
      int n = 0;
      int r;
      while ((r = in.read(buf, n, buf.length - n)) > 0) {
        n += r;
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
      }
      return new String(buf, 0, n, StandardCharsets.UTF_8);
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
