package io.homelab.observer.exporter.host;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads the small text files of procfs, sysfs and cgroupfs that every collector parses. */
public final class HostFiles {

  private HostFiles() {}

  // A per-thread first-read buffer: a scrape reads hundreds of small files, and a fresh 8 KB
  // buffer for each was most of a scrape's garbage (and of the agent's young collections).
  private static final ThreadLocal<byte[]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[16 * 1024]);

  /**
   * The whole file as text, read with a large first read. {@code Files.readAllBytes} sizes its
   * buffer from the file size, which is 0 for proc files, and then reads one byte; a sysctl file
   * answers a read at offset 1 with EOF, so {@code /proc/sys/fs/file-nr} would come back as its
   * first digit.
   */
  public static String read(Path p) throws IOException {
    // FileInputStream rather than Files.newInputStream: less CPU per file under C1 (no
    // channel, no interruptible-I/O bookkeeping), on the ~400 files of a scrape. Reads stay within
    // 8 KB, the size FileInputStream reads through its stack buffer without a malloc.
    try (FileInputStream in = open(p)) {
      // Growing past the scratch buffer copies into a new array, so the scratch buffer itself
      // never escapes; the text is decoded straight from it.
      byte[] buf = SCRATCH.get();
      int n = 0;
      int r;
      while ((r = in.read(buf, n, Math.min(8192, buf.length - n))) > 0) {
        n += r;
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
      }
      return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
  }

  // A missing file keeps NIO's NoSuchFileException, which collectors treat as "no data".
  private static FileInputStream open(Path p) throws IOException {
    try {
      return new FileInputStream(p.toString());
    } catch (FileNotFoundException e) {
      if (Files.notExists(p)) {
        throw new NoSuchFileException(p.toString());
      }
      throw e;
    }
  }
}
