package io.homelab.observer.tracking.logs.search;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.logs.LogEntry;
import io.homelab.observer.tracking.logs.query.LogMatcher;
import io.homelab.observer.tracking.logs.query.LogQuery;
import io.homelab.observer.tracking.logs.query.LogQueryParser;
import io.homelab.observer.tracking.logs.search.SearchModels.Bucket;
import io.homelab.observer.tracking.logs.search.SearchModels.Counts;
import io.homelab.observer.tracking.logs.search.SearchModels.EntryView;
import io.homelab.observer.tracking.logs.search.SearchModels.SearchPage;
import io.homelab.observer.tracking.logs.store.LogIds;
import io.homelab.observer.tracking.logs.store.LogStore;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Search, counts and export over the stored logs: parses the query and time range, pages. */
@Singleton
public class LogSearchService {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final int MAX_BUCKETS = 10_000;
  static final int EXPORT_PAGE = 1000;

  private final LogStore store;

  public LogSearchService(LogStore store) {
    this.store = store;
  }

  /** A time range in ms, both ends inclusive. */
  public record Range(long from, long to) {

    /**
     * Parses {@code from}/{@code to} parameters (see {@link TimeParam}); open ends are unbounded.
     */
    public static Range of(String from, String to) {
      long now = System.currentTimeMillis();
      Range r =
          new Range(
              TimeParam.parse("from", from, 0, now),
              TimeParam.parse("to", to, LogIds.MAX_TIMESTAMP, now));
      if (r.from > r.to) {
        throw MlflowException.invalid("from is after to");
      }
      return r;
    }
  }

  /** One page of matching entries, newest first. */
  public SearchPage search(String q, Range range, Integer limit, String pageToken) {
    LogQuery query = LogQueryParser.parse(q);
    int n = limit == null ? DEFAULT_LIMIT : limit;
    if (n < 1 || n > MAX_LIMIT) {
      throw MlflowException.invalid("limit must be between 1 and " + MAX_LIMIT);
    }
    long maxId = LogIds.lastOf(range.to());
    if (pageToken != null && !pageToken.isEmpty()) {
      maxId = Math.min(maxId, decodeToken(pageToken) - 1);
    }
    List<LogEntry> rows = store.search(query, LogIds.firstOf(range.from()), maxId, n + 1);
    LogMatcher matcher = new LogMatcher(query);
    List<EntryView> views = new ArrayList<>();
    for (int i = 0; i < Math.min(n, rows.size()); i++) {
      views.add(view(rows.get(i), matcher));
    }
    String next = rows.size() > n ? encodeToken(rows.get(n - 1).id()) : null;
    return new SearchPage(views, next);
  }

  /** Counts per bucket and level ({@code by=level}, default) or service. */
  public Counts counts(String q, Range range, String bucket, String by) {
    LogQuery query = LogQueryParser.parse(q);
    boolean byService;
    if (by == null || by.isEmpty() || by.equals("level")) {
      byService = false;
    } else if (by.equals("service")) {
      byService = true;
    } else {
      throw MlflowException.invalid("by must be level or service, not " + by);
    }
    long to = Math.min(range.to(), System.currentTimeMillis());
    long from = range.from() == 0 ? to - 24 * 3_600_000L : range.from();
    long bucketMs =
        bucket == null || bucket.isEmpty()
            ? Math.max(1000, (to - from) / 100)
            : TimeParam.duration("bucket", bucket).toMillis();
    if (bucketMs <= 0 || (to - from) / bucketMs > MAX_BUCKETS) {
      throw MlflowException.invalid(
          "bucket too small for the range: at most " + MAX_BUCKETS + " buckets");
    }
    Map<Long, Map<String, Long>> counts =
        store.counts(query, LogIds.firstOf(from), LogIds.lastOf(to), bucketMs, byService);
    List<Bucket> buckets = new ArrayList<>();
    counts.forEach((start, c) -> buckets.add(new Bucket(start, c)));
    return new Counts(bucketMs, byService ? "service" : "level", buckets);
  }

  /** Feeds every matching entry, newest first, to {@code sink} (export), page by page. */
  public void each(String q, Range range, long max, Consumer<LogEntry> sink) {
    LogQuery query = LogQueryParser.parse(q);
    long minId = LogIds.firstOf(range.from());
    long maxId = LogIds.lastOf(range.to());
    long sent = 0;
    while (sent < max) {
      List<LogEntry> page = store.search(query, minId, maxId, (int) Math.min(EXPORT_PAGE, max));
      for (LogEntry e : page) {
        if (sent++ >= max) {
          return;
        }
        sink.accept(e);
      }
      if (page.size() < EXPORT_PAGE) {
        return;
      }
      maxId = page.get(page.size() - 1).id() - 1;
    }
  }

  /** An entry as the API shows it, with its highlights. */
  public static EntryView view(LogEntry e, LogMatcher matcher) {
    return new EntryView(
        Long.toString(e.id()),
        e.timestamp(),
        e.host(),
        e.service(),
        e.level(),
        e.message(),
        e.labels(),
        matcher == null ? null : matcher.highlights(e.message()));
  }

  static String encodeToken(long id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("logs:" + id).getBytes(StandardCharsets.UTF_8));
  }

  static long decodeToken(String token) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!s.startsWith("logs:")) {
        throw new IllegalArgumentException(s);
      }
      return Long.parseLong(s.substring(5));
    } catch (IllegalArgumentException e) {
      throw MlflowException.invalid("Invalid page_token");
    }
  }
}
