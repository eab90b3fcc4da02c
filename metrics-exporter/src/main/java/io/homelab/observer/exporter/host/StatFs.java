package io.homelab.observer.exporter.host;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code statfs(2)} for the filesystem collector: the JDK's {@link FileStore} has sizes but no
 * inode counts, and node_exporter's {@code node_filesystem_files} needs {@code f_files}/{@code
 * f_ffree}.
 *
 * <p>Uses JNA direct mapping (static natives, no {@code java.lang.reflect.Proxy}) into libc; when
 * libc cannot be bound, falls back to {@link FileStore} sizes and reports no inode figures.
 */
public final class StatFs {

  /** One statfs result, in bytes and inodes as node_exporter derives them. */
  public record Result(double size, double free, double avail, double files, double filesFree) {}

  private static final boolean NATIVE = bind();

  private StatFs() {}

  private static boolean bind() {
    try {
      if (!Platform.isLinux() || !Platform.is64Bit()) {
        return false;
      }
      Native.register(StatFs.class, Platform.C_LIBRARY_NAME);
      return true;
    } catch (Throwable e) {
      return false;
    }
  }

  // struct statfs on 64-bit Linux: every field up to f_flags is 8 bytes wide (f_fsid is two ints).
  private static native int statfs(String path, long[] buf);

  /** Whether inode counts are available (libc bound). */
  public static boolean isNative() {
    return NATIVE;
  }

  /** Statistics of the filesystem holding {@code path}. */
  public static Result of(Path path) throws IOException {
    if (NATIVE) {
      long[] buf = new long[16];
      int rc = statfs(path.toString(), buf);
      if (rc != 0) {
        throw new IOException("statfs " + path + " failed, errno " + Native.getLastError());
      }
      double bsize = buf[1];
      // f_blocks, f_bfree, f_bavail are in units of f_bsize, as node_exporter multiplies them.
      return new Result(
          unsigned(buf[2]) * bsize,
          unsigned(buf[3]) * bsize,
          unsigned(buf[4]) * bsize,
          unsigned(buf[5]),
          unsigned(buf[6]));
    }
    FileStore store = Files.getFileStore(path);
    return new Result(
        store.getTotalSpace(),
        store.getUnallocatedSpace(),
        store.getUsableSpace(),
        Double.NaN,
        Double.NaN);
  }

  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }
}
