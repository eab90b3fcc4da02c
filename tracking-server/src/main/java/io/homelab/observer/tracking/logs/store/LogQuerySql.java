package io.homelab.observer.tracking.logs.store;

import io.homelab.observer.tracking.logs.Levels;
import io.homelab.observer.tracking.logs.query.LogQuery;
import io.homelab.observer.tracking.store.Database.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link LogQuery} into SQL for one dialect. SQLite: the text part of the query becomes one
 * FTS5 MATCH that drives the scan newest-first; text under OR/NOT mixed with field filters becomes
 * a MATCH sub-select. PostgreSQL: text becomes a {@code tsquery} against the {@code message_tsv}
 * column. Field filters read {@code log_streams} (host, service, labels) or the entry's level.
 * Every value is a bound parameter; FTS5 and tsquery terms are built from {@code Tokens}, which are
 * alphanumeric only, so no user text reaches either syntax unquoted.
 */
final class LogQuerySql {

  private final Dialect dialect;
  private final List<Object> args = new ArrayList<>();

  private LogQuerySql(Dialect dialect) {
    this.dialect = dialect;
  }

  static SqlPlan plan(LogQuery q, Dialect dialect) {
    LogQuerySql b = new LogQuerySql(dialect);
    if (dialect == Dialect.SQLITE) {
      String whole = LogQuery.textOnly(q) ? fts(q) : null;
      if (whole != null) {
        return new SqlPlan(whole, "1=1", List.of());
      }
      if (q instanceof LogQuery.And and) {
        List<String> match = new ArrayList<>();
        List<LogQuery> textParts = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (LogQuery part : and.parts()) {
          if (LogQuery.textOnly(part)) {
            textParts.add(part);
          }
        }
        String ftsPart = textParts.isEmpty() ? null : fts(new LogQuery.And(textParts));
        if (ftsPart != null) {
          match.add(ftsPart);
        }
        for (LogQuery part : and.parts()) {
          if (ftsPart == null || !textParts.contains(part)) {
            where.add("(" + b.condition(part) + ")");
          }
        }
        return new SqlPlan(
            match.isEmpty() ? null : match.get(0),
            where.isEmpty() ? "1=1" : String.join(" AND ", where),
            b.args);
      }
    }
    String where = b.condition(q);
    return new SqlPlan(null, where, b.args);
  }

  private String condition(LogQuery q) {
    if (q instanceof LogQuery.All) {
      return "1=1";
    }
    if (LogQuery.textOnly(q)) {
      if (dialect == Dialect.POSTGRESQL) {
        args.add(tsquery(q));
        return "e.message_tsv @@ to_tsquery('simple', ?)";
      }
      String match = fts(q);
      if (match != null) {
        args.add(match);
        return "e.id IN (SELECT rowid FROM log_fts WHERE log_fts MATCH ?)";
      }
    }
    if (q instanceof LogQuery.Field f) {
      return field(f);
    }
    if (q instanceof LogQuery.And a) {
      return join(a.parts(), " AND ");
    }
    if (q instanceof LogQuery.Or o) {
      return join(o.parts(), " OR ");
    }
    if (q instanceof LogQuery.Not n) {
      return "NOT (" + condition(n.part()) + ")";
    }
    // A lone text term always has an FTS form; this is unreachable.
    throw new IllegalStateException("no SQL for " + q);
  }

  private String join(List<LogQuery> parts, String op) {
    List<String> sql = new ArrayList<>();
    for (LogQuery p : parts) {
      sql.add("(" + condition(p) + ")");
    }
    return String.join(op, sql);
  }

  private String field(LogQuery.Field f) {
    String value = f.value().toLowerCase(Locale.ROOT);
    if (f.field() == LogQuery.FieldName.LEVEL) {
      if (f.prefix()) {
        args.add(like(value));
        return "e.level LIKE ? ESCAPE '\\'";
      }
      args.add(Levels.normalise(f.value()));
      return "e.level = ?";
    }
    String column =
        switch (f.field()) {
          case HOST -> "lower(host)";
          case SERVICE -> "lower(service)";
          default -> {
            args.add(dialect == Dialect.SQLITE ? "$.\"" + f.label() + "\"" : f.label());
            yield dialect == Dialect.SQLITE
                ? "lower(json_extract(labels, ?))"
                : "lower(labels::jsonb ->> ?)";
          }
        };
    args.add(f.prefix() ? like(value) : value);
    return "e.stream_id IN (SELECT stream_id FROM log_streams WHERE "
        + column
        + (f.prefix() ? " LIKE ? ESCAPE '\\')" : " = ?)");
  }

  private static String like(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  /**
   * FTS5 expression of a text-only query, or null where FTS5 has no form for it (a NOT with nothing
   * positive beside it: FTS5's NOT is binary).
   */
  static String fts(LogQuery q) {
    if (q instanceof LogQuery.Text t) {
      return "\"" + String.join(" ", t.tokens()) + "\"" + (t.prefix() ? "*" : "");
    }
    if (q instanceof LogQuery.Or o) {
      List<String> parts = new ArrayList<>();
      for (LogQuery p : o.parts()) {
        String f = fts(p);
        if (f == null) {
          return null;
        }
        parts.add(f);
      }
      return "(" + String.join(" OR ", parts) + ")";
    }
    if (q instanceof LogQuery.And a) {
      List<String> positive = new ArrayList<>();
      List<String> negative = new ArrayList<>();
      for (LogQuery p : a.parts()) {
        String f = fts(p instanceof LogQuery.Not n ? n.part() : p);
        if (f == null) {
          return null;
        }
        (p instanceof LogQuery.Not ? negative : positive).add(f);
      }
      if (positive.isEmpty()) {
        return null;
      }
      StringBuilder out = new StringBuilder("(" + String.join(" AND ", positive) + ")");
      negative.forEach(n -> out.append(" NOT ").append(n));
      return out.toString();
    }
    return null;
  }

  /** PostgreSQL tsquery text of a text-only query. */
  static String tsquery(LogQuery q) {
    if (q instanceof LogQuery.Text t) {
      List<String> quoted = new ArrayList<>();
      for (int i = 0; i < t.tokens().size(); i++) {
        boolean last = i == t.tokens().size() - 1;
        quoted.add("'" + t.tokens().get(i) + "'" + (last && t.prefix() ? ":*" : ""));
      }
      return quoted.size() == 1 ? quoted.get(0) : "(" + String.join(" <-> ", quoted) + ")";
    }
    if (q instanceof LogQuery.And a) {
      return "(" + String.join(" & ", a.parts().stream().map(LogQuerySql::tsquery).toList()) + ")";
    }
    if (q instanceof LogQuery.Or o) {
      return "(" + String.join(" | ", o.parts().stream().map(LogQuerySql::tsquery).toList()) + ")";
    }
    return "!(" + tsquery(((LogQuery.Not) q).part()) + ")";
  }
}
