package io.homelab.observer.controller.alert;

import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.metrics.MetricsQuery;
import io.homelab.observer.controller.metrics.Sample;
import io.homelab.observer.controller.notify.AlertMessage;
import io.homelab.observer.controller.notify.NotificationDispatcher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates every rule each {@code homelab.controller.alerts.evaluation-interval}, as Prometheus's
 * rule manager does: a series in the result is pending, then firing once it held for the rule's
 * {@code for}; a firing alert whose series is gone is resolved. Changes go to the history; firing
 * and resolved alerts that no silence matches go to the notifiers, which deliver on their own
 * threads.
 */
@ApplicationScoped
public class AlertEvaluator {

  private static final long PRUNE_EVERY_MILLIS = 3_600_000;

  private final RuleService rules;
  private final SilenceService silences;
  private final HistoryStore history;
  private final NotificationDispatcher notifiers;
  private final MetricsQuery query;
  private final ControllerConfig config;

  /** Rule id + fingerprint -> alert; read by the API while the evaluator writes. */
  private final Map<String, ActiveAlert> active = new ConcurrentHashMap<>();

  private final Map<String, RuleHealth> health = new ConcurrentHashMap<>();
  private ScheduledExecutorService scheduler;
  private long lastPrune;

  public AlertEvaluator(
      RuleService rules,
      SilenceService silences,
      HistoryStore history,
      NotificationDispatcher notifiers,
      MetricsQuery query,
      ControllerConfig config) {
    this.rules = rules;
    this.silences = silences;
    this.history = history;
    this.notifiers = notifiers;
    this.query = query;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("alert-evaluator"));
    long every = config.alerts().evaluationInterval().toMillis();
    scheduler.scheduleWithFixedDelay(
        surviving(() -> evaluate(System.currentTimeMillis())), every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  /** Pending and firing alerts, firing first. */
  public List<AlertView> active() {
    long now = System.currentTimeMillis();
    return active.values().stream()
        .map(a -> AlertView.of(a, silences.silenced(a.labels, now)))
        .sorted(
            Comparator.comparing((AlertView a) -> !a.state().equals("firing"))
                .thenComparing(AlertView::name)
                .thenComparing(AlertView::fingerprint))
        .toList();
  }

  RuleHealth health(String ruleId) {
    return health.getOrDefault(ruleId, RuleHealth.UNKNOWN);
  }

  /**
   * One round that cannot end the schedule: a scheduled task that throws is never run again, and an
   * Error (a StackOverflowError from a deeply nested expression) would stop every alert for good.
   */
  static Runnable surviving(Runnable round) {
    return () -> {
      try {
        round.run();
      } catch (Throwable e) {
        Log.warnf(e, "alert evaluation round failed");
      }
    };
  }

  /** One evaluation of every rule at {@code now}. */
  synchronized void evaluate(long now) {
    List<HistoryEntry> changes = new ArrayList<>();
    List<AlertMessage.Alert> outgoing = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (AlertRule rule : rules.rules()) {
      List<Sample> result;
      try {
        result = query.instant(rule.expr(), Instant.ofEpochMilli(now));
        health.put(rule.id(), new RuleHealth("ok", null, now));
      } catch (RuntimeException e) {
        RuleHealth before = health.get(rule.id());
        if (before == null || !Objects.equals(before.lastError(), e.getMessage())) {
          Log.warnf("alert rule %s cannot be evaluated: %s", rule.name(), e.getMessage());
        }
        health.put(rule.id(), new RuleHealth("err", e.getMessage(), now));
        // as Prometheus: an evaluation error changes no alert state
        active.keySet().stream().filter(k -> k.startsWith(rule.id() + "|")).forEach(seen::add);
        continue;
      }
      for (Sample s : result) {
        track(rule, s, now, seen, changes);
      }
    }
    long repeat = config.notifications().repeatInterval().toMillis();
    for (var it = active.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      ActiveAlert a = entry.getValue();
      if (!seen.contains(entry.getKey())) {
        it.remove();
        changes.add(entry(a, "resolved", now));
        if (a.notifiedAt > 0) {
          outgoing.add(message(a, "resolved", now));
        }
      } else if (a.state.equals("firing")
          && !a.silenced
          && (a.notifiedAt == 0 || now - a.notifiedAt >= repeat)) {
        a.notifiedAt = now;
        outgoing.add(message(a, "firing", now));
      }
    }
    if (!changes.isEmpty()) {
      history.append(changes);
    }
    if (!outgoing.isEmpty()) {
      notifiers.send(AlertMessage.of(outgoing));
    }
    if (now - lastPrune > PRUNE_EVERY_MILLIS) {
      lastPrune = now;
      history.pruneBefore(now - config.alerts().historyRetention().toMillis());
    }
  }

  private void track(
      AlertRule rule, Sample s, long now, Set<String> seen, List<HistoryEntry> changes) {
    TreeMap<String, String> seriesLabels = new TreeMap<>(s.labels());
    seriesLabels.remove("__name__");
    TreeMap<String, String> labels = new TreeMap<>(seriesLabels);
    rule.labels()
        .forEach((k, v) -> labels.put(k, AlertTemplate.expand(v, seriesLabels, s.value())));
    labels.put("alertname", rule.name());
    String fingerprint = fingerprint(labels);
    String key = rule.id() + "|" + fingerprint;
    if (!seen.add(key)) {
      return; // two series that differ only in __name__ are one alert, as in Prometheus
    }
    ActiveAlert a = active.get(key);
    if (a == null) {
      a = new ActiveAlert(rule, fingerprint, now);
      active.put(key, a);
    }
    a.labels = labels;
    a.value = s.value();
    TreeMap<String, String> annotations = new TreeMap<>();
    rule.annotations()
        .forEach((k, v) -> annotations.put(k, AlertTemplate.expand(v, seriesLabels, s.value())));
    a.annotations = annotations;
    a.silenced = silences.silenced(labels, now);
    boolean isNew = a.activeSince == now && a.firedAt == 0 && a.state.equals("pending");
    if (a.state.equals("pending") && now - a.activeSince >= rule.forSeconds() * 1000) {
      a.state = "firing";
      a.firedAt = now;
      changes.add(entry(a, "firing", now));
    } else if (isNew) {
      changes.add(entry(a, "pending", now));
    }
  }

  private static HistoryEntry entry(ActiveAlert a, String state, long now) {
    return new HistoryEntry(
        Instant.ofEpochMilli(now),
        a.rule.id(),
        a.rule.name(),
        a.fingerprint,
        state,
        a.labels,
        a.value,
        a.silenced);
  }

  private static AlertMessage.Alert message(ActiveAlert a, String status, long now) {
    return new AlertMessage.Alert(
        status,
        a.labels,
        a.annotations,
        Instant.ofEpochMilli(a.firedAt == 0 ? a.activeSince : a.firedAt),
        status.equals("resolved") ? Instant.ofEpochMilli(now) : null,
        a.fingerprint,
        "");
  }

  /** 16 hex digits of SHA-256 over the sorted label set, stable across restarts. */
  static String fingerprint(TreeMap<String, String> labels) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      labels.forEach(
          (k, v) -> {
            sha.update(k.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0xff);
            sha.update(v.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0xfe);
          });
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }
}
