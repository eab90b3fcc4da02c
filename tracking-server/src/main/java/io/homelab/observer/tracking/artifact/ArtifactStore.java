package io.homelab.observer.tracking.artifact;

import io.homelab.observer.common.runtime.DataDirectory;
import io.homelab.observer.tracking.config.StartupChecks;
import io.homelab.observer.tracking.config.TrackingConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The artifact root on local disk, behind the {@code mlflow-artifacts} proxy.
 *
 * <p>Every method takes a path that {@link ArtifactPaths#normalise} has not seen yet and runs it
 * through that first; then every existing component of the joined path is checked for a symlink
 * whose real target lies outside the root (a dangling one is refused too, since a write would
 * create its target). Uploads stream through a 1 MiB buffer into a temporary file next to the
 * target and are renamed into place, so a reader never sees half a file and a symlink at the target
 * is replaced, never followed.
 */
@Startup
@Singleton
public class ArtifactStore {

  /** Temporary upload files; hidden from listings. */
  static final String UPLOAD_PREFIX = ".upload-";

  private static final int BUFFER_BYTES = 1 << 20;

  private final TrackingConfig config;
  private final StartupChecks startup;
  private Path root;

  @Inject
  public ArtifactStore(TrackingConfig config, StartupChecks startup) {
    this.config = config;
    this.startup = startup;
  }

  /** For plain unit tests: a store on an existing directory. */
  ArtifactStore(Path root) throws IOException {
    this.config = null;
    this.startup = null;
    this.root = root.toRealPath();
  }

  @PostConstruct
  void prepareRoot() {
    Path configured = config.artifactRoot().orElse(startup.dataDir().resolve("artifacts"));
    try {
      // The real path: symlink checks compare real paths, so the root itself may be a symlink.
      root = DataDirectory.prepare(configured, "homelab.tracking.artifact-root").toRealPath();
    } catch (IllegalStateException e) {
      throw new ConfigurationException(e.getMessage());
    } catch (IOException e) {
      throw new ConfigurationException(
          "homelab.tracking.artifact-root="
              + configured
              + " cannot be resolved: "
              + e.getMessage());
    }
  }

  /** The real path of the artifact root. */
  public Path root() {
    return root;
  }

  /**
   * Streams {@code body} into the file at {@code rawPath}, creating parent directories, replacing
   * an existing file; returns the number of bytes written.
   */
  public long write(String rawPath, InputStream body) throws IOException {
    String rel = ArtifactPaths.normalise(rawPath);
    if (rel.isEmpty()) {
      throw new UnsafeArtifactPathException("empty path");
    }
    if (ArtifactPaths.basename(rel).startsWith(UPLOAD_PREFIX)) {
      throw new UnsafeArtifactPathException("reserved name");
    }
    Path target = confined(rel);
    Path parent = target.getParent();
    ensureDirectories(parent);
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new ArtifactConflictException(
          "Artifact path refers to a directory, not a file: '" + rel + "'");
    }
    Path temp = parent.resolve(UPLOAD_PREFIX + UUID.randomUUID());
    long written = 0;
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        byte[] buffer = new byte[BUFFER_BYTES];
        int n;
        while ((n = body.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          written += n;
        }
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    Log.debugf("artifact %s written (%d bytes)", rel, written);
    return written;
  }

  /** The real path of the regular file at {@code rawPath}, or empty when there is no such file. */
  public Optional<Path> file(String rawPath) {
    String rel = ArtifactPaths.normalise(rawPath);
    Path target = confined(rel);
    if (Files.isDirectory(target)) {
      throw new ArtifactConflictException(
          "Artifact path refers to a directory, not a file: '" + rel + "'");
    }
    if (!Files.isRegularFile(target)) {
      return Optional.empty();
    }
    try {
      return Optional.of(target.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Direct children of the directory at {@code rawPath} (empty path = root), sorted by name, with
   * {@link FileInfo#path()} as a basename; a missing directory or a file lists as empty, as in
   * MLflow's local artifact repository.
   */
  public List<FileInfo> list(String rawPath) throws IOException {
    String rel = ArtifactPaths.normalise(rawPath);
    Path dir = confined(rel);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<FileInfo> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(UPLOAD_PREFIX)) {
          continue;
        }
        if (Files.isSymbolicLink(entry) && !insideRoot(entry)) {
          // Never list what could not be read: a link out of the root is invisible.
          continue;
        }
        try {
          BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class);
          files.add(
              attrs.isDirectory()
                  ? new FileInfo(name, true, null)
                  : new FileInfo(name, false, attrs.size()));
        } catch (NoSuchFileException e) {
          // Deleted while listing.
        }
      }
    }
    files.sort(Comparator.comparing(FileInfo::path));
    return files;
  }

  /**
   * Deletes the file or directory tree at {@code rawPath}; a missing path is not an error (as
   * MLflow).
   */
  public void delete(String rawPath) throws IOException {
    String rel = ArtifactPaths.normalise(rawPath);
    if (rel.isEmpty()) {
      // The whole root in one request is never what a client means.
      throw new UnsafeArtifactPathException("empty path");
    }
    Path target = confinedParents(rel);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      // A file, or a symlink itself (the link goes, never its target).
      Files.delete(target);
      return;
    }
    // walkFileTree does not follow links: a link inside the tree is removed, not what it points to.
    Files.walkFileTree(
        target,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Joins a canonical path to the root, refusing any component that is a symlink out of the root.
   */
  private Path confined(String rel) {
    Path p = root;
    if (rel.isEmpty()) {
      return p;
    }
    for (String segment : rel.split("/")) {
      p = p.resolve(segment);
      checkLink(p);
    }
    return p;
  }

  /**
   * Like {@link #confined} but the last component may itself be a link (it is acted on, not
   * followed).
   */
  private Path confinedParents(String rel) {
    int slash = rel.lastIndexOf('/');
    Path parent = slash < 0 ? root : confined(rel.substring(0, slash));
    return parent.resolve(rel.substring(slash + 1));
  }

  private void checkLink(Path p) {
    if (Files.isSymbolicLink(p) && !insideRoot(p)) {
      throw new UnsafeArtifactPathException("symlink out of the artifact root");
    }
  }

  private boolean insideRoot(Path link) {
    try {
      return link.toRealPath().startsWith(root);
    } catch (IOException e) {
      // Dangling: a write through it would create its target wherever it points.
      return false;
    }
  }

  private void ensureDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new ArtifactConflictException("Artifact path has a file where a directory is needed");
    }
    try {
      Files.createDirectories(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new ArtifactConflictException("Artifact path has a file where a directory is needed");
    }
    // Paranoia after creation: every component was checked, but a concurrent local change could
    // race.
    if (!dir.toRealPath().startsWith(root)) {
      throw new UncheckedIOException(new IOException("artifact directory left the root"));
    }
  }
}
