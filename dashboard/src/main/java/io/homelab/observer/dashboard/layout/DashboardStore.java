package io.homelab.observer.dashboard.layout;

import io.homelab.observer.dashboard.config.DashboardConfig;
import io.homelab.observer.dashboard.config.DashboardConfigException;
import io.homelab.observer.dashboard.config.StartupChecks;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * Holds the current dashboard.yml. The file is written with a default on first start, checked for
 * changes at most once a second when a page asks for it (no restart needed), and a broken edit
 * keeps the last good layout while its error (file, line) is shown on every page.
 */
@Startup
@Singleton
public class DashboardStore {

  static final String DEFAULT_RESOURCE = "default-dashboard.yml";

  /** The layout in use and the error of the latest edit, if it was rejected. */
  public record Snapshot(DashboardLayout layout, String error) {}

  private final DashboardConfig config;
  private final StartupChecks startup;
  private Path file;
  private volatile Snapshot snapshot;
  private volatile long lastCheckNanos;
  private FileTime lastModified;
  private long lastSize = -1;

  public DashboardStore(DashboardConfig config, StartupChecks startup) {
    this.config = config;
    this.startup = startup;
  }

  @PostConstruct
  void load() {
    file = config.config().orElse(startup.dataDir().resolve("dashboard.yml")).toAbsolutePath();
    DashboardLayout fallback = DashboardFileParser.parse(defaultText(), System.getenv());
    if (!Files.exists(file)) {
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, defaultText());
        Log.infof("dashboard: wrote the default layout to %s", file);
      } catch (IOException e) {
        Log.warnf(
            "dashboard: cannot write %s (%s); using the built-in layout", file, e.getMessage());
      }
    }
    snapshot = new Snapshot(fallback, null);
    reloadIfChanged();
  }

  /** The current layout, re-reading the file first if it changed. */
  public Snapshot current() {
    long now = System.nanoTime();
    if (now - lastCheckNanos > 1_000_000_000L) {
      lastCheckNanos = now;
      reloadIfChanged();
    }
    return snapshot;
  }

  public Path file() {
    return file;
  }

  private synchronized void reloadIfChanged() {
    try {
      if (!Files.exists(file)) {
        return;
      }
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      if (Objects.equals(modified, lastModified) && size == lastSize) {
        return;
      }
      lastModified = modified;
      lastSize = size;
      String text = Files.readString(file);
      snapshot = new Snapshot(DashboardFileParser.parse(text, System.getenv()), null);
      Log.infof("dashboard: loaded %s", file);
    } catch (DashboardConfigException e) {
      String error = file + " " + e.getMessage();
      snapshot = new Snapshot(snapshot.layout(), error);
      Log.warnf("dashboard: kept the last good layout: %s", error);
    } catch (IOException e) {
      snapshot = new Snapshot(snapshot.layout(), "cannot read " + file + ": " + e.getMessage());
    }
  }

  static String defaultText() {
    try (InputStream in =
        DashboardStore.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      return new String(
          Objects.requireNonNull(in, DEFAULT_RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("built-in " + DEFAULT_RESOURCE + " unreadable", e);
    }
  }
}
