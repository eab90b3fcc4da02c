package io.homelab.observer.controller.notify;

import io.homelab.observer.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Notifiers: validation, storage and the test delivery. */
@ApplicationScoped
public class NotifierService {

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}");
  static final Pattern ADDRESS = Pattern.compile("[^@\\s,<>]+@[^@\\s,<>]+");
  static final List<String> TYPES = List.of("webhook", "ntfy", "discord", "slack", "email");

  private final NotifierStore store;
  private final NotificationDispatcher dispatcher;

  public NotifierService(NotifierStore store, NotificationDispatcher dispatcher) {
    this.store = store;
    this.dispatcher = dispatcher;
  }

  public List<NotifierView> list() {
    return store.all().stream().map(NotifierView::of).toList();
  }

  public NotifierView get(String id) {
    return NotifierView.of(store.require(id));
  }

  public NotifierView create(NotifierRequests.Save req) {
    NotifierEntity n = new NotifierEntity();
    n.id = UUID.randomUUID().toString();
    n.createdAt = System.currentTimeMillis();
    apply(req, n);
    validate(n);
    return NotifierView.of(store.insert(n));
  }

  public NotifierView update(String id, NotifierRequests.Save req) {
    NotifierEntity current = store.require(id);
    apply(req, current);
    validate(current);
    return NotifierView.of(store.update(id, current.name, n -> copy(current, n)));
  }

  public void delete(String id) {
    store.delete(id);
  }

  /** Sends a test alert now (one attempt); a failure is a 502 saying why. */
  public void test(String id) {
    NotifierEntity n = store.require(id);
    Instant now = Instant.now();
    AlertMessage message =
        AlertMessage.of(
            List.of(
                new AlertMessage.Alert(
                    "firing",
                    Map.of("alertname", "HomelabTestNotification", "severity", "none"),
                    Map.of("summary", "Test notification from the homelab controller"),
                    now,
                    null,
                    "0000000000000000",
                    "")));
    try {
      dispatcher.sendNow(n, message);
    } catch (DeliveryException e) {
      throw new ApiException(502, "NOTIFIER_FAILED", e.getMessage());
    }
  }

  /**
   * Fields absent from the request keep their value on update; url and secrets are never echoed.
   */
  private static void apply(NotifierRequests.Save r, NotifierEntity n) {
    if (r == null) {
      throw ApiException.badRequest("send a notifier as a JSON object");
    }
    n.name = r.name();
    n.type = r.type() == null ? null : r.type().trim().toLowerCase(Locale.ROOT);
    n.enabled = r.enabled() == null || r.enabled();
    if (r.url() != null) {
      n.url = r.url().trim();
    }
    String secret = "email".equals(n.type) ? r.smtpPassword() : r.token();
    if (secret != null) {
      n.secret = secret.isEmpty() ? null : secret;
    }
    n.smtpHost = r.smtpHost();
    n.smtpPort = r.smtpPort();
    n.smtpTls = r.smtpTls() == null ? null : r.smtpTls().trim().toLowerCase(Locale.ROOT);
    n.smtpUsername =
        r.smtpUsername() == null || r.smtpUsername().isEmpty() ? null : r.smtpUsername();
    n.mailFrom = r.from();
    if (r.to() != null && r.to().stream().anyMatch(Objects::isNull)) {
      throw ApiException.badRequest("to must list e-mail addresses, not null");
    }
    n.mailTo = r.to() == null ? null : String.join(",", r.to().stream().map(String::trim).toList());
  }

  private static void validate(NotifierEntity n) {
    if (n.name == null || !NAME.matcher(n.name).matches()) {
      throw ApiException.badRequest(
          "name is required: 1-100 letters, digits, space, dot, underscore or hyphen");
    }
    if (n.type == null || !TYPES.contains(n.type)) {
      throw ApiException.badRequest(
          "type must be one of webhook, ntfy, discord, slack, email (got " + n.type + ")");
    }
    if (!n.type.equals("email")) {
      checkUrl(n.url);
      return;
    }
    if (n.smtpHost == null || n.smtpHost.isBlank()) {
      throw ApiException.badRequest("smtpHost is required for email");
    }
    if (n.smtpTls == null) {
      n.smtpTls = "starttls";
    }
    if (!List.of("starttls", "tls", "none").contains(n.smtpTls)) {
      throw ApiException.badRequest("smtpTls must be one of starttls, tls, none");
    }
    if (n.smtpPort == null) {
      n.smtpPort = n.smtpTls.equals("tls") ? 465 : 587;
    }
    if (n.smtpPort < 1 || n.smtpPort > 65535) {
      throw ApiException.badRequest("smtpPort must be 1-65535");
    }
    if (n.mailFrom == null || !ADDRESS.matcher(n.mailFrom).matches()) {
      throw ApiException.badRequest("from must be an e-mail address");
    }
    if (n.mailTo == null
        || n.mailTo.isEmpty()
        || !List.of(n.mailTo.split(",")).stream().allMatch(a -> ADDRESS.matcher(a).matches())) {
      throw ApiException.badRequest("to must list one or more e-mail addresses");
    }
  }

  private static void checkUrl(String url) {
    try {
      URI u = new URI(url);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (Exception e) {
      // the URL may hold a token: say what is wrong without repeating it
      throw ApiException.badRequest("url is required and must be an http:// or https:// URL");
    }
  }

  private static void copy(NotifierEntity from, NotifierEntity to) {
    to.name = from.name;
    to.type = from.type;
    to.enabled = from.enabled;
    to.url = from.url;
    to.secret = from.secret;
    to.smtpHost = from.smtpHost;
    to.smtpPort = from.smtpPort;
    to.smtpTls = from.smtpTls;
    to.smtpUsername = from.smtpUsername;
    to.mailFrom = from.mailFrom;
    to.mailTo = from.mailTo;
  }
}
