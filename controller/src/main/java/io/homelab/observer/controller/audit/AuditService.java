package io.homelab.observer.controller.audit;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.controller.security.CurrentUser;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Appends to and reads the audit log; the API offers no way to change or delete an entry. */
@ApplicationScoped
public class AuditService {

  public static final String OK = "ok";
  public static final String FAILED = "failed";
  public static final String DENIED = "denied";
  static final int MAX_LIMIT = 500;

  private final CurrentUser currentUser;

  public AuditService(CurrentUser currentUser) {
    this.currentUser = currentUser;
  }

  /**
   * Records an action by the current caller. Callers record failures outside any transaction of
   * theirs, so a failed action is still recorded (the SQLite pool has one connection: a nested
   * REQUIRES_NEW would wait on itself).
   */
  @Transactional
  public void record(
      String action, String environmentId, String target, String result, String message) {
    write(
        currentUser.usernameOrNull(),
        currentUser.address(),
        action,
        environmentId,
        target,
        result,
        message);
  }

  /**
   * Records an action on an environment by a caller authenticated outside a REST request (a
   * WebSocket upgrade, where no request-scoped caller exists).
   */
  @Transactional
  public void recordFor(
      String username,
      String address,
      String action,
      String environmentId,
      String target,
      String result,
      String message) {
    write(username, address, action, environmentId, target, result, message);
  }

  /** Records an event whose user is not (yet) the authenticated caller, such as a login attempt. */
  @Transactional
  public void recordAs(
      String username,
      String address,
      String action,
      String target,
      String result,
      String message) {
    write(username, address, action, null, target, result, message);
  }

  private void write(
      String username,
      String address,
      String action,
      String environmentId,
      String target,
      String result,
      String message) {
    AuditEntity e = new AuditEntity();
    e.id = UUID.randomUUID().toString();
    e.occurredAt = System.currentTimeMillis();
    e.username = clip(username, 64);
    e.address = clip(address, 64);
    e.action = action;
    e.environmentId = environmentId;
    e.target = clip(target, 500);
    e.result = result;
    e.message = clip(message, 1000);
    e.persist();
    Log.debugf("audit %s %s %s %s", action, target, result, username);
  }

  /**
   * Newest-first page of entries matching the filters; keyset paging on (time, id) so that entries
   * appended while a client pages never shift or repeat items.
   */
  @Transactional
  public AuditPage list(
      String user,
      String environmentId,
      String action,
      String since,
      String until,
      Integer limit,
      String pageToken) {
    int size = limit == null ? 100 : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
    }
    StringBuilder q = new StringBuilder("1 = 1");
    Parameters p = new Parameters();
    if (user != null && !user.isBlank()) {
      q.append(" and username = :user");
      p.and("user", user);
    }
    if (environmentId != null && !environmentId.isBlank()) {
      q.append(" and environmentId = :env");
      p.and("env", environmentId);
    }
    if (action != null && !action.isBlank()) {
      q.append(" and action = :action");
      p.and("action", action);
    }
    if (since != null && !since.isBlank()) {
      q.append(" and occurredAt >= :since");
      p.and("since", parseTime("since", since));
    }
    if (until != null && !until.isBlank()) {
      q.append(" and occurredAt < :until");
      p.and("until", parseTime("until", until));
    }
    if (pageToken != null && !pageToken.isBlank()) {
      String[] cursor = decodeToken(pageToken);
      q.append(" and (occurredAt < :ct or (occurredAt = :ct and id < :cid))");
      p.and("ct", Long.parseLong(cursor[0])).and("cid", cursor[1]);
    }
    List<AuditEntity> rows =
        AuditEntity.<AuditEntity>find(
                q.toString(), Sort.descending("occurredAt").and("id", Sort.Direction.Descending), p)
            .page(0, size + 1)
            .list();
    List<AuditItem> items = new ArrayList<>();
    for (int i = 0; i < Math.min(size, rows.size()); i++) {
      items.add(AuditItem.of(rows.get(i)));
    }
    String next = null;
    if (rows.size() > size) {
      AuditEntity last = rows.get(size - 1);
      next =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString((last.occurredAt + ":" + last.id).getBytes(StandardCharsets.UTF_8));
    }
    return new AuditPage(items, next);
  }

  private static long parseTime(String name, String value) {
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          name + " must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
    }
  }

  private static String[] decodeToken(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", 2);
      Long.parseLong(parts[0]);
      if (parts.length != 2 || parts[1].isEmpty()) {
        throw new IllegalArgumentException();
      }
      return parts;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("pageToken is not one this server handed out");
    }
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
