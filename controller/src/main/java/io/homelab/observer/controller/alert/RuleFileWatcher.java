package io.homelab.observer.controller.alert;

import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.config.StartupChecks;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the rules of {@code <data-dir>/alerts.yml}: re-read when its content changes, checked every
 * {@code homelab.controller.alerts.reload-interval}. A broken file keeps the last good rules and
 * reports why (API and log). Polling the content, not a WatchService, because editors replace files
 * by rename and bind mounts often deliver no events.
 */
@ApplicationScoped
public class RuleFileWatcher {

  private final Path file;
  private final ControllerConfig.Alerts config;
  private volatile List<AlertRule> rules = List.of();
  private volatile RuleFileStatus status;
  private String lastContent;
  private boolean checked;
  private ScheduledExecutorService scheduler;

  public RuleFileWatcher(ControllerConfig config, StartupChecks dataDir) {
    this.file = dataDir.dataDir().resolve("alerts.yml");
    this.config = config.alerts();
    this.status = new RuleFileStatus(file.toString(), false, null, null, 0);
  }

  void start(@Observes StartupEvent event) {
    reload();
    scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("alert-rule-file"));
    long every = config.reloadInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::reload, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  public List<AlertRule> rules() {
    return rules;
  }

  public RuleFileStatus status() {
    return status;
  }

  /**
   * Reads the file if its content changed since the last read; also what the API's reload calls.
   */
  public synchronized RuleFileStatus reload() {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      content = null;
    } catch (IOException e) {
      fail(lastContent, "cannot read " + file + ": " + e.getMessage());
      return status;
    }
    if (checked && Objects.equals(content, lastContent)) {
      return status;
    }
    lastContent = content;
    checked = true;
    if (content == null) {
      if (!rules.isEmpty()) {
        Log.infof("alert rule file %s was removed: its rules no longer apply", file);
      }
      status = new RuleFileStatus(file.toString(), false, Instant.now(), null, 0);
      rules = List.of();
      return status;
    }
    try {
      List<AlertRule> parsed = RuleFileParser.parse(content);
      // status first: a reader that sees the new rules (both volatile) then sees their status too
      status = new RuleFileStatus(file.toString(), true, Instant.now(), null, parsed.size());
      rules = parsed;
      Log.infof("alert rule file %s loaded: %d rules", file, parsed.size());
    } catch (IllegalArgumentException e) {
      fail(content, e.getMessage());
    }
    return status;
  }

  private void fail(String content, String why) {
    lastContent = content;
    checked = true;
    status = new RuleFileStatus(file.toString(), true, status.loadedAt(), why, rules.size());
    Log.warnf(
        "alert rule file %s is not used (%s); the %d rules read before stay in force",
        file, why, rules.size());
  }
}
