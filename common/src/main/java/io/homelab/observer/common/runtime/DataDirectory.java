package io.homelab.observer.common.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prepares a service's state directory and explains in one sentence why it cannot be used. */
public final class DataDirectory {

  private DataDirectory() {}

  /**
   * Creates {@code dir} when missing and proves it writable by writing a probe file.
   *
   * @param key the config key that named the directory, quoted in the error so the operator knows
   *     what to change
   * @throws IllegalStateException with a one-line message when the directory cannot be created or
   *     written
   */
  public static Path prepare(Path dir, String key) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
    } catch (IOException | SecurityException e) {
      throw new IllegalStateException(key + "=" + absolute + " cannot be created: " + reason(e), e);
    }
    if (!Files.isDirectory(absolute)) {
      throw new IllegalStateException(key + "=" + absolute + " is not a directory");
    }
    // Files.isWritable answers for the permission bits only; a read-only mount or a full disk shows
    // only on write.
    Path probe = absolute.resolve(".write-probe");
    try {
      Files.writeString(probe, "ok");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new IllegalStateException(key + "=" + absolute + " is not writable: " + reason(e), e);
    }
    return absolute;
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
