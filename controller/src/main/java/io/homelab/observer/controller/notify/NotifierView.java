package io.homelab.observer.controller.notify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A notifier as the API shows it: the URL cut to scheme, host and port (Discord, Slack and many
 * webhook URLs carry their token in the path or query), secrets only as "set or not".
 */
@RegisterForReflection
public record NotifierView(
    String id,
    String name,
    String type,
    boolean enabled,
    String url,
    boolean tokenSet,
    String smtpHost,
    Integer smtpPort,
    String smtpTls,
    String smtpUsername,
    boolean smtpPasswordSet,
    String from,
    List<String> to,
    Instant createdAt) {

  static NotifierView of(NotifierEntity n) {
    boolean email = n.type.equals("email");
    return new NotifierView(
        n.id,
        n.name,
        n.type,
        n.enabled,
        redact(n.url),
        !email && n.secret != null,
        n.smtpHost,
        n.smtpPort,
        n.smtpTls,
        n.smtpUsername,
        email && n.secret != null,
        n.mailFrom,
        n.mailTo == null ? List.of() : Arrays.asList(n.mailTo.split(",")),
        Instant.ofEpochMilli(n.createdAt));
  }

  /** {@code https://discord.com/api/webhooks/1/abc} -> {@code https://discord.com/…}. */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI u = URI.create(url);
      String base =
          u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
      boolean more =
          u.getRawPath() != null && u.getRawPath().length() > 1 || u.getRawQuery() != null;
      return more ? base + "/…" : base;
    } catch (IllegalArgumentException e) {
      return "…";
    }
  }
}
