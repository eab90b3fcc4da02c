package io.homelab.observer.controller.notify;

/**
 * One notification target (table {@code notifiers}, V024). {@link #url} and {@link #secret} may
 * carry credentials: only {@link NotifierView} leaves the controller, and it redacts both.
 */
public class NotifierEntity {

  public String id;

  public String name;

  /** {@code webhook}, {@code ntfy}, {@code discord}, {@code slack} or {@code email}. */
  public String type;

  public boolean enabled;

  public String url;

  /** Bearer token (webhook, ntfy) or SMTP password (email). */
  public String secret;

  public String smtpHost;

  public Integer smtpPort;

  /** {@code none}, {@code starttls} or {@code tls}. */
  public String smtpTls;

  public String smtpUsername;

  public String mailFrom;

  /** Comma-separated recipients. */
  public String mailTo;

  public long createdAt;
}
