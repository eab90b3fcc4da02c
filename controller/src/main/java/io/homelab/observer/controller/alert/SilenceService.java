package io.homelab.observer.controller.alert;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.controller.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.PatternSyntaxException;

/**
 * Silences: created with matchers and a time window, expired early by deleting. The evaluator asks
 * {@link #silenced} for every alert, so the unexpired ones are cached in memory.
 */
@ApplicationScoped
public class SilenceService {

  private final CurrentUser currentUser;
  private final SilenceStore store;
  private volatile List<SilenceView> cache;

  public SilenceService(CurrentUser currentUser, SilenceStore store) {
    this.currentUser = currentUser;
    this.store = store;
  }

  public List<SilenceView> list() {
    long now = System.currentTimeMillis();
    return store.all().stream().map(e -> SilenceView.of(e, now)).toList();
  }

  public SilenceView create(SilenceRequests.Create req) {
    if (req == null || req.matchers() == null || req.matchers().isEmpty()) {
      throw ApiException.badRequest("a silence needs at least one matcher");
    }
    for (Matcher m : req.matchers()) {
      if (m == null || m.name() == null || !RuleFileParser.LABEL.matcher(m.name()).matches()) {
        throw ApiException.badRequest("every matcher needs a valid label name");
      }
      if (m.value() == null) {
        throw ApiException.badRequest("matcher " + m.name() + " has no value");
      }
      if (m.isRegex()) {
        try {
          m.pattern();
        } catch (PatternSyntaxException e) {
          throw ApiException.badRequest(
              "matcher " + m.name() + ": bad regex: " + e.getDescription());
        }
      }
    }
    long now = System.currentTimeMillis();
    Instant starts = req.startsAt() == null ? Instant.ofEpochMilli(now) : req.startsAt();
    if (req.endsAt() == null || !req.endsAt().isAfter(starts)) {
      throw ApiException.badRequest("endsAt is required and must be after startsAt");
    }
    if (req.endsAt().toEpochMilli() <= now) {
      throw ApiException.badRequest("endsAt must be in the future");
    }
    SilenceEntity e = new SilenceEntity();
    e.id = UUID.randomUUID().toString();
    e.matchers = JsonMaps.write(req.matchers());
    e.startsAt = starts.toEpochMilli();
    e.endsAt = req.endsAt().toEpochMilli();
    e.createdBy = currentUser.usernameOrNull();
    e.comment = req.comment();
    e.createdAt = now;
    store.insert(e);
    cache = null;
    return SilenceView.of(e, now);
  }

  /** Ends the silence now (kept for the record, as Alertmanager does). */
  public SilenceView expire(String id) {
    SilenceEntity e = store.byId(id).orElseThrow(() -> ApiException.notFound("no silence " + id));
    long now = System.currentTimeMillis();
    if (e.endsAt > now) {
      e.endsAt = Math.max(now, e.startsAt);
      store.setEnd(e.id, e.endsAt);
    }
    cache = null;
    return SilenceView.of(e, now);
  }

  /** True when an active silence matches {@code labels}. */
  public boolean silenced(Map<String, String> labels, long now) {
    List<SilenceView> current = cache;
    if (current == null) {
      current = store.endingAfter(now).stream().map(e -> SilenceView.of(e, now)).toList();
      cache = current;
    }
    return current.stream().anyMatch(s -> s.silences(labels, now));
  }
}
