package io.homelab.observer.controller.monitor;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.controller.config.ControllerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Monitors: validation and storage; {@link MonitorScheduler} runs them. */
@ApplicationScoped
public class MonitorService {

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}");
  static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]_-]{1,253}");
  static final List<String> TYPES = List.of("http", "tcp", "ping");

  private final MonitorStore store;
  private final Event<MonitorsChanged> changed;
  private final ControllerConfig.Monitors config;

  /** Fired after every change, so the scheduler picks up the new set. */
  public record MonitorsChanged() {}

  public MonitorService(
      MonitorStore store, Event<MonitorsChanged> changed, ControllerConfig config) {
    this.store = store;
    this.changed = changed;
    this.config = config.monitors();
  }

  public List<MonitorView> list() {
    return store.all().stream().map(MonitorView::of).toList();
  }

  public MonitorView get(String id) {
    return MonitorView.of(store.require(id));
  }

  public MonitorView create(MonitorRequests.Save req) {
    MonitorEntity m = new MonitorEntity();
    m.id = UUID.randomUUID().toString();
    m.createdAt = System.currentTimeMillis();
    m.status = "pending";
    apply(validate(req), m);
    MonitorView view = MonitorView.of(store.insert(m));
    changed.fire(new MonitorsChanged());
    return view;
  }

  /** Replaces the settings; the result history (uptime) is kept unless the target changes. */
  public MonitorView update(String id, MonitorRequests.Save req) {
    MonitorRequests.Save valid = validate(req);
    MonitorEntity saved =
        store.update(
            id,
            valid.name(),
            m -> {
              boolean sameCheck = m.type.equals(valid.type()) && m.target.equals(valid.target());
              apply(valid, m);
              if (!sameCheck) {
                m.status = "pending";
                m.message = null;
                m.checksTotal = 0;
                m.checksUp = 0;
                m.certExpiresAt = null;
              }
            });
    MonitorView view = MonitorView.of(saved);
    changed.fire(new MonitorsChanged());
    return view;
  }

  public void delete(String id) {
    store.delete(id);
    changed.fire(new MonitorsChanged());
  }

  private static void apply(MonitorRequests.Save r, MonitorEntity m) {
    m.name = r.name();
    m.type = r.type();
    m.target = r.target();
    m.intervalSeconds = r.intervalSeconds();
    m.timeoutSeconds = r.timeoutSeconds();
    m.expectedStatus = r.expectedStatus();
    m.keyword = r.keyword();
    m.enabled = r.enabled();
  }

  /** Checks every field and fills in defaults; any problem is a 400 naming the field. */
  MonitorRequests.Save validate(MonitorRequests.Save r) {
    if (r == null) {
      throw ApiException.badRequest("send a monitor as a JSON object");
    }
    if (r.name() == null || !NAME.matcher(r.name()).matches()) {
      throw ApiException.badRequest(
          "name is required: 1-100 letters, digits, space, dot, underscore or hyphen");
    }
    String type = r.type() == null ? null : r.type().trim().toLowerCase(Locale.ROOT);
    if (type == null || !TYPES.contains(type)) {
      throw ApiException.badRequest("type must be one of http, tcp, ping (got " + r.type() + ")");
    }
    String target = r.target() == null ? "" : r.target().trim();
    switch (type) {
      case "http" -> checkUrl(target);
      case "tcp" -> checkHostPort(target);
      default -> {
        if (!HOST.matcher(target).matches()) {
          throw ApiException.badRequest("target of a ping monitor must be a host name or address");
        }
      }
    }
    int min = (int) Math.max(1, config.minInterval().toSeconds());
    int interval = r.intervalSeconds() == null ? 60 : r.intervalSeconds();
    if (interval < min || interval > 86400) {
      throw ApiException.badRequest("intervalSeconds must be between " + min + " and 86400");
    }
    int timeout = r.timeoutSeconds() == null ? Math.min(10, interval) : r.timeoutSeconds();
    if (timeout < 1 || timeout > interval) {
      throw ApiException.badRequest("timeoutSeconds must be between 1 and intervalSeconds");
    }
    if (!type.equals("http") && (r.expectedStatus() != null || r.keyword() != null)) {
      throw ApiException.badRequest("expectedStatus and keyword apply to http monitors only");
    }
    if (r.expectedStatus() != null && (r.expectedStatus() < 100 || r.expectedStatus() > 599)) {
      throw ApiException.badRequest("expectedStatus must be an HTTP status (100-599)");
    }
    String keyword = r.keyword() == null || r.keyword().isEmpty() ? null : r.keyword();
    if (keyword != null && keyword.length() > 500) {
      throw ApiException.badRequest("keyword must be at most 500 characters");
    }
    return new MonitorRequests.Save(
        r.name(),
        type,
        target,
        interval,
        timeout,
        r.expectedStatus(),
        keyword,
        r.enabled() == null || r.enabled());
  }

  private static void checkUrl(String target) {
    try {
      URI uri = new URI(target);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null
          || target.length() > 1000) {
        throw new IllegalArgumentException();
      }
    } catch (Exception e) {
      throw ApiException.badRequest(
          "target of an http monitor must be an http:// or https:// URL (got " + target + ")");
    }
  }

  private static void checkHostPort(String target) {
    int colon = target.lastIndexOf(':');
    String host = colon < 0 ? "" : target.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (!HOST.matcher(host).matches() || port < 1 || port > 65535) {
      throw ApiException.badRequest(
          "target of a tcp monitor must be host:port with a port 1-65535 (got " + target + ")");
    }
  }
}
