package io.homelab.observer.tracking.logs.query;

import io.homelab.observer.tracking.logs.Levels;
import io.homelab.observer.tracking.logs.LogEntry;
import io.homelab.observer.tracking.logs.query.Tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A query evaluated in memory on one entry, with the same meaning the SQL has: the live tail
 * filters new entries with it, and search results get their highlights from it (the character
 * ranges of the message that a positive term matched).
 */
public final class LogMatcher {

  private final LogQuery query;

  public LogMatcher(LogQuery query) {
    this.query = query;
  }

  /** Whether the entry matches. */
  public boolean matches(LogEntry e) {
    return matches(query, e, Tokens.of(e.message()));
  }

  /** The [start, end) ranges of the message that positive text terms matched, in order. */
  public List<int[]> highlights(String message) {
    List<Token> tokens = Tokens.of(message);
    List<int[]> out = new ArrayList<>();
    collect(query, tokens, out, false);
    out.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] r : out) {
      if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] >= r[0]) {
        int[] last = merged.get(merged.size() - 1);
        last[1] = Math.max(last[1], r[1]);
      } else {
        merged.add(new int[] {r[0], r[1]});
      }
    }
    return merged;
  }

  private static boolean matches(LogQuery q, LogEntry e, List<Token> tokens) {
    if (q instanceof LogQuery.All) {
      return true;
    }
    if (q instanceof LogQuery.Text t) {
      return !find(t, tokens).isEmpty();
    }
    if (q instanceof LogQuery.Field f) {
      return fieldMatches(f, e);
    }
    if (q instanceof LogQuery.And a) {
      return a.parts().stream().allMatch(p -> matches(p, e, tokens));
    }
    if (q instanceof LogQuery.Or o) {
      return o.parts().stream().anyMatch(p -> matches(p, e, tokens));
    }
    return !matches(((LogQuery.Not) q).part(), e, tokens);
  }

  /** Field comparisons ignore case, as the SQL does (lower() on both sides). */
  static boolean fieldMatches(LogQuery.Field f, LogEntry e) {
    String actual =
        switch (f.field()) {
          case HOST -> e.host();
          case SERVICE -> e.service();
          case LEVEL -> e.level();
          case LABEL -> e.labels().get(f.label());
        };
    if (actual == null) {
      return false;
    }
    String want =
        f.field() == LogQuery.FieldName.LEVEL && !f.prefix()
            ? Levels.normalise(f.value())
            : f.value().toLowerCase(Locale.ROOT);
    String have = actual.toLowerCase(Locale.ROOT);
    return f.prefix() ? have.startsWith(want) : have.equals(want);
  }

  private static void collect(LogQuery q, List<Token> tokens, List<int[]> out, boolean negated) {
    if (q instanceof LogQuery.Text t && !negated) {
      out.addAll(find(t, tokens));
    } else if (q instanceof LogQuery.And a) {
      a.parts().forEach(p -> collect(p, tokens, out, negated));
    } else if (q instanceof LogQuery.Or o) {
      o.parts().forEach(p -> collect(p, tokens, out, negated));
    } else if (q instanceof LogQuery.Not n) {
      collect(n.part(), tokens, out, !negated);
    }
  }

  /**
   * Where the term's token sequence occurs in the message (last token by prefix if asked); a word
   * that splits into several tokens ({@code foo.bar}) is a phrase, as in the full-text index.
   */
  private static List<int[]> find(LogQuery.Text t, List<Token> tokens) {
    List<String> want = t.tokens();
    List<int[]> hits = new ArrayList<>();
    for (int i = 0; i + want.size() <= tokens.size(); i++) {
      boolean ok = true;
      for (int j = 0; j < want.size() && ok; j++) {
        String have = tokens.get(i + j).text();
        boolean last = j == want.size() - 1;
        ok = last && t.prefix() ? have.startsWith(want.get(j)) : have.equals(want.get(j));
      }
      if (ok) {
        hits.add(new int[] {tokens.get(i).start(), tokens.get(i + want.size() - 1).end()});
      }
    }
    return hits;
  }
}
