package io.homelab.observer.controller.notify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Request bodies of {@code /api/alerts/notifiers}. */
public final class NotifierRequests {

  private NotifierRequests() {}

  /**
   * {@code POST /api/alerts/notifiers} and {@code PUT /api/alerts/notifiers/{id}}. On PUT, an
   * absent {@code url}, {@code token} or {@code smtpPassword} keeps the stored one (the API never
   * shows them, so a client cannot send them back).
   *
   * @param type {@code webhook} (Alertmanager webhook JSON), {@code ntfy}, {@code discord}, {@code
   *     slack} (any Slack-compatible incoming webhook) or {@code email}
   * @param url webhook URL; for ntfy the topic URL such as {@code https://ntfy.sh/my-alerts}
   * @param token optional bearer token for webhook and ntfy
   * @param smtpTls {@code starttls} (default), {@code tls} or {@code none}
   */
  @RegisterForReflection
  public record Save(
      String name,
      String type,
      Boolean enabled,
      String url,
      String token,
      String smtpHost,
      Integer smtpPort,
      String smtpTls,
      String smtpUsername,
      String smtpPassword,
      String from,
      List<String> to) {}
}
