package io.homelab.observer.tracking.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder holding MLflow's static UI build, and the only way to turn a request path into a file
 * in it: the candidate is resolved with every symlink followed and must still lie inside the
 * folder's own real path, so neither {@code ..} nor a symlink planted in the build reaches a file
 * outside.
 */
public final class UiDirectory {

  static final String INDEX = "index.html";

  private final Path root;

  private UiDirectory(Path root) {
    this.root = root;
  }

  /**
   * Opens the configured folder; fails with a message naming the setting when it is not a UI build
   * (no folder, or no {@code index.html} in it), so a wrong path is found at start-up, not by a
   * user facing a blank page.
   */
  public static UiDirectory open(Path configured, String settingName) {
    Path real;
    try {
      real = configured.toRealPath();
    } catch (IOException e) {
      throw new IllegalStateException(
          settingName + "=" + configured + ": no such folder (" + e.getMessage() + ")", e);
    }
    if (!Files.isDirectory(real) || !Files.isRegularFile(real.resolve(INDEX))) {
      throw new IllegalStateException(
          settingName
              + "="
              + configured
              + ": not an MLflow UI build (expected a folder with index.html, such as"
              + " <site-packages>/mlflow/server/js/build)");
    }
    return new UiDirectory(real);
  }

  /** The landing page. */
  public Optional<Path> index() {
    return file(INDEX);
  }

  /**
   * The regular file a decoded relative path names, or empty when there is none or it would lie
   * outside the folder once symlinks are followed.
   */
  public Optional<Path> file(String relative) {
    if (relative.isEmpty() || relative.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    String trimmed = relative.startsWith("/") ? relative.substring(1) : relative;
    try {
      Path candidate = root.resolve(trimmed).normalize();
      if (!candidate.startsWith(root)) {
        return Optional.empty();
      }
      Path real = candidate.toRealPath();
      if (!real.startsWith(root) || !Files.isRegularFile(real)) {
        return Optional.empty();
      }
      return Optional.of(real);
    } catch (InvalidPathException | IOException e) {
      return Optional.empty();
    }
  }

  /** The folder's real path. */
  public Path root() {
    return root;
  }
}
