package io.homelab.observer.controller.alert;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.controller.security.CurrentUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
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
  private volatile List<SilenceView> cache;

  public SilenceService(CurrentUser currentUser) {
    this.currentUser = currentUser;
  }

  @Transactional
  public List<SilenceView> list() {
    long now = System.currentTimeMillis();
    List<SilenceEntity> all = SilenceEntity.list("order by startsAt desc");
    return all.stream().map(e -> SilenceView.of(e, now)).toList();
  }

  @Transactional
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
    e.persist();
    cache = null;
    return SilenceView.of(e, now);
  }

  /** Ends the silence now (kept for the record, as Alertmanager does). */
  @Transactional
  public SilenceView expire(String id) {
    SilenceEntity e = SilenceEntity.findById(id);
    if (e == null) {
      throw ApiException.notFound("no silence " + id);
    }
    long now = System.currentTimeMillis();
    if (e.endsAt > now) {
      e.endsAt = Math.max(now, e.startsAt);
    }
    cache = null;
    return SilenceView.of(e, now);
  }

  /** True when an active silence matches {@code labels}. */
  public boolean silenced(Map<String, String> labels, long now) {
    List<SilenceView> current = cache;
    if (current == null) {
      // called from the evaluator's thread, outside any request: open the transaction here
      current = QuarkusTransaction.joiningExisting().call(() -> unexpired(now));
      cache = current;
    }
    return current.stream().anyMatch(s -> s.silences(labels, now));
  }

  private static List<SilenceView> unexpired(long now) {
    List<SilenceEntity> list = SilenceEntity.list("endsAt > ?1", now);
    return list.stream().map(e -> SilenceView.of(e, now)).toList();
  }
}
