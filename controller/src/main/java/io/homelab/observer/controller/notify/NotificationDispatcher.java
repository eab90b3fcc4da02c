package io.homelab.observer.controller.notify;

import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.controller.config.ControllerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hands each message to every enabled notifier on its own threads, so evaluation and scraping never
 * wait for a receiver. A failed attempt is retried after a back-off that doubles up to {@code
 * homelab.controller.notifications.max-backoff}, at most {@code max-attempts} times; a receiver's
 * 4xx is final.
 */
@ApplicationScoped
public class NotificationDispatcher {

  private final NotifierStore store;
  private final Instance<Sender> senderBeans;
  private final ControllerConfig.Notify config;
  private final Map<String, Sender> senders = new HashMap<>();
  private ScheduledExecutorService executor;

  public NotificationDispatcher(
      NotifierStore store, Instance<Sender> senders, ControllerConfig config) {
    this.store = store;
    this.senderBeans = senders;
    this.config = config.notifications();
  }

  @PostConstruct
  void init() {
    senderBeans.forEach(s -> senders.put(s.type(), s));
    executor = Executors.newScheduledThreadPool(2, DaemonThreads.numbered("notify-"));
  }

  void stop(@Observes ShutdownEvent event) {
    executor.shutdownNow();
  }

  /** Queues {@code message} for every enabled notifier and returns at once. */
  public void send(AlertMessage message) {
    submit(
        () -> {
          List<NotifierEntity> targets;
          try {
            targets = store.all().stream().filter(t -> t.enabled).toList();
          } catch (RuntimeException e) {
            Log.warnf(
                e, "cannot read the notifiers; %d alerts not notified", message.alerts().size());
            return;
          }
          for (NotifierEntity n : targets) {
            attempt(n, message, 1);
          }
        },
        0);
  }

  /** One synchronous attempt, for the API's test button. */
  public void sendNow(NotifierEntity n, AlertMessage message) throws DeliveryException {
    sender(n).send(n, message);
  }

  Sender sender(NotifierEntity n) throws DeliveryException {
    Sender s = senders.get(n.type);
    if (s == null) {
      throw new DeliveryException("no sender for notifier type " + n.type, false);
    }
    return s;
  }

  private void attempt(NotifierEntity n, AlertMessage message, int attempt) {
    submit(
        () -> {
          try {
            sender(n).send(n, message);
            Log.debugf("notifier %s: %d alerts delivered", n.name, message.alerts().size());
          } catch (DeliveryException e) {
            if (e.retryable() && attempt < config.maxAttempts()) {
              long delay = backoffMillis(attempt);
              Log.infof(
                  "notifier %s: attempt %d failed (%s); retrying in %d ms",
                  n.name, attempt, e.getMessage(), delay);
              submitLater(() -> attempt(n, message, attempt + 1), delay);
            } else {
              Log.warnf(
                  "notifier %s: giving up after %d attempts: %s", n.name, attempt, e.getMessage());
            }
          } catch (RuntimeException e) {
            Log.warnf(e, "notifier %s failed", n.name);
          }
        },
        0);
  }

  long backoffMillis(int attempt) {
    long initial = config.initialBackoff().toMillis();
    long max = config.maxBackoff().toMillis();
    return Math.min(max, initial << Math.min(attempt - 1, 30));
  }

  private void submit(Runnable task, long delayMillis) {
    submitLater(task, delayMillis);
  }

  private void submitLater(Runnable task, long delayMillis) {
    try {
      executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      Log.debugf("notification dropped: the controller is stopping");
    }
  }
}
