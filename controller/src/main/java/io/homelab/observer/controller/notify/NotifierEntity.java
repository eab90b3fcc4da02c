package io.homelab.observer.controller.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One notification target (table {@code notifiers}, V024). {@link #url} and {@link #secret} may
 * carry credentials: only {@link NotifierView} leaves the controller, and it redacts both.
 */
@Entity
@Table(name = "notifiers")
public class NotifierEntity extends PanacheEntityBase {

  @Id public String id;

  @Column(nullable = false, unique = true)
  public String name;

  /** {@code webhook}, {@code ntfy}, {@code discord}, {@code slack} or {@code email}. */
  @Column(nullable = false)
  public String type;

  @Column(nullable = false)
  public boolean enabled;

  public String url;

  /** Bearer token (webhook, ntfy) or SMTP password (email). */
  public String secret;

  @Column(name = "smtp_host")
  public String smtpHost;

  @Column(name = "smtp_port")
  public Integer smtpPort;

  /** {@code none}, {@code starttls} or {@code tls}. */
  @Column(name = "smtp_tls")
  public String smtpTls;

  @Column(name = "smtp_username")
  public String smtpUsername;

  @Column(name = "mail_from")
  public String mailFrom;

  /** Comma-separated recipients. */
  @Column(name = "mail_to")
  public String mailTo;

  @Column(name = "created_at", nullable = false)
  public long createdAt;
}
