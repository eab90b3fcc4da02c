package io.homelab.observer.controller.user;

import io.homelab.observer.controller.config.StartupChecks;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code <data-dir>/initial-admin-password}: the generated first password, mode 0600, read by the
 * launcher to log in and register the local agent. Deleted once the admin's password changes, since
 * it no longer works.
 */
@ApplicationScoped
public class InitialPasswordFile {

  static final String NAME = "initial-admin-password";
  private final StartupChecks startup;

  public InitialPasswordFile(StartupChecks startup) {
    this.startup = startup;
  }

  public Path path() {
    return startup.dataDir().resolve(NAME);
  }

  /**
   * Writes the password with owner-only permissions from the first byte (temp file, then atomic
   * move).
   */
  public void write(String password) throws IOException {
    Path target = path();
    Path tmp =
        Files.createTempFile(
            target.getParent(),
            ".initial-admin-password",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, password);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public void delete() {
    try {
      if (Files.deleteIfExists(path())) {
        Log.infof("admin password changed; removed %s", path());
      }
    } catch (IOException e) {
      Log.warnf("could not remove %s: %s", path(), e.getMessage());
    }
  }
}
