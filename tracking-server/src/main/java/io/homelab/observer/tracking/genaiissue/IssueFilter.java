package io.homelab.observer.tracking.genaiissue;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.search.Clause;
import io.homelab.observer.tracking.search.FilterParser;
import java.util.List;
import java.util.Set;

/**
 * MLflow's {@code SearchIssuesUtils}: AND-ed comparisons of {@code status} or {@code source_run_id}
 * with {@code =} or {@code !=}, values compared as strings.
 */
final class IssueFilter {

  /** The columns a filter may name (they are the issues table's own column names). */
  static final Set<String> KEYS = Set.of("status", "source_run_id");

  private static final Set<String> COMPARATORS = Set.of("=", "!=");

  private IssueFilter() {}

  static List<Clause> parse(String filter) {
    List<Clause> clauses =
        FilterParser.parse(filter, ident -> new String[] {Clause.ATTRIBUTE, strip(ident)});
    for (Clause c : clauses) {
      if (!KEYS.contains(c.key())) {
        throw MlflowException.invalid(
            "Invalid filter field '"
                + c.key()
                + "'. Supported fields: {'status', 'source_run_id'}");
      }
      if (!COMPARATORS.contains(c.op())) {
        throw MlflowException.invalid(
            "Invalid comparator '" + c.op() + "'. Supported comparators: {'=', '!='}");
      }
      if (!(c.value() instanceof String)) {
        throw MlflowException.invalid("Invalid filter value for '" + c.key() + "'");
      }
    }
    return clauses;
  }

  private static String strip(String ident) {
    String s = ident.strip();
    if (s.length() >= 2
        && (s.charAt(0) == '`' || s.charAt(0) == '"' || s.charAt(0) == '\'')
        && s.charAt(s.length() - 1) == s.charAt(0)) {
      s = s.substring(1, s.length() - 1);
    }
    return s.strip();
  }
}
