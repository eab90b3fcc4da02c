package io.homelab.observer.controller.audit;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.controller.security.CurrentUser;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
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
  private final AuditStore store;

  public AuditService(CurrentUser currentUser, AuditStore store) {
    this.currentUser = currentUser;
    this.store = store;
  }

  /**
   * Records an action by the current caller, in the caller's transaction if it has one. Callers
   * record failures outside any transaction of theirs, so a failed action is still recorded (the
   * SQLite pool has one connection: a separate transaction would wait on itself).
   */
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
    store.insert(e);
    Log.debugf("audit %s %s %s %s", action, target, result, username);
  }

  /**
   * Newest-first page of entries matching the filters; keyset paging on (time, id) so that entries
   * appended while a client pages never shift or repeat items.
   */
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
    Long from = since != null && !since.isBlank() ? parseTime("since", since) : null;
    Long to = until != null && !until.isBlank() ? parseTime("until", until) : null;
    String[] cursor =
        pageToken != null && !pageToken.isBlank() ? decodeToken(pageToken) : new String[2];
    AuditStore.Filter filter =
        new AuditStore.Filter(
            blankToNull(user),
            blankToNull(environmentId),
            blankToNull(action),
            from,
            to,
            cursor[0] == null ? null : Long.parseLong(cursor[0]),
            cursor[1]);
    List<AuditEntity> rows = store.page(filter, size + 1);
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

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
