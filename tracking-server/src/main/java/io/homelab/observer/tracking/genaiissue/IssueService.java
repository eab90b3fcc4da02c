package io.homelab.observer.tracking.genaiissue;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.genaiissue.Issues.CreateRequest;
import io.homelab.observer.tracking.genaiissue.Issues.Issue;
import io.homelab.observer.tracking.genaiissue.Issues.IssueList;
import io.homelab.observer.tracking.genaiissue.Issues.SearchRequest;
import io.homelab.observer.tracking.genaiissue.Issues.UpdateRequest;
import io.homelab.observer.tracking.search.Clause;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * MLflow 3.17's GenAI issues (mlflow/store/tracking/sqlalchemy_store.py, {@code create_issue} to
 * {@code search_issues}): quality problems found in an active experiment's traces, with a status
 * and severity a reviewer moves along. The server stores them; detection runs in clients.
 */
@Singleton
public class IssueService {

  static final Set<String> STATUSES = Set.of("pending", "rejected", "resolved");
  static final Set<String> SEVERITIES = Set.of("not_an_issue", "low", "medium", "high");

  /** MLflow's SEARCH_ISSUES_DEFAULT_MAX_RESULTS and SEARCH_MAX_RESULTS_THRESHOLD. */
  static final int DEFAULT_MAX_RESULTS = 100;

  static final int MAX_RESULTS_LIMIT = 50000;

  private final Database db;
  private final IssueStore store;
  private final ExperimentService experiments;

  public IssueService(Database db, IssueStore store, ExperimentService experiments) {
    this.db = db;
    this.store = store;
    this.experiments = experiments;
  }

  public Issue create(CreateRequest r) {
    Validation.required(r.name(), "name");
    Validation.required(r.description(), "description");
    Validation.required(r.experimentId(), "experiment_id");
    String status = r.status() == null ? "pending" : checked(r.status(), STATUSES, "status");
    String severity = r.severity() == null ? null : checked(r.severity(), SEVERITIES, "severity");
    String experimentId = experiments.requireActive(r.experimentId()).experimentId();
    long now = System.currentTimeMillis();
    Issue issue =
        new Issue(
            "iss-" + UUID.randomUUID().toString().replace("-", ""),
            experimentId,
            r.name(),
            r.description(),
            status,
            severity,
            emptyToNull(r.rootCauses()),
            blankToNull(r.sourceRunId()),
            now,
            now,
            blankToNull(r.createdBy()),
            emptyToNull(r.categories()),
            null);
    db.write(
        c -> {
          store.insert(c, issue);
          return null;
        });
    return issue;
  }

  public Issue get(String issueId) {
    return db.read(c -> store.get(c, issueId)).orElseThrow(() -> notFound(issueId));
  }

  /** The experiment of an issue, for permission checks. */
  public Optional<String> experimentOf(String issueId) {
    return db.read(c -> store.get(c, issueId)).map(Issue::experimentId);
  }

  /** Changes the fields sent (an empty string is "unchanged", as in MLflow's handler). */
  public Issue update(String issueId, UpdateRequest r) {
    String status = r.status() == null ? null : checked(r.status(), STATUSES, "status");
    String severity = r.severity() == null ? null : checked(r.severity(), SEVERITIES, "severity");
    long now = System.currentTimeMillis();
    return db.write(
        c -> {
          Issue old = store.get(c, issueId).orElseThrow(() -> notFound(issueId));
          Issue updated =
              new Issue(
                  old.issueId(),
                  old.experimentId(),
                  or(blankToNull(r.name()), old.name()),
                  or(blankToNull(r.description()), old.description()),
                  or(status, old.status()),
                  or(severity, old.severity()),
                  old.rootCauses(),
                  old.sourceRunId(),
                  old.createdTimestamp(),
                  now,
                  old.createdBy(),
                  old.categories(),
                  null);
          store.update(c, updated);
          return updated;
        });
  }

  public IssueList search(SearchRequest r) {
    Integer max = r.maxResults();
    if (max != null && max < 1) {
      throw MlflowException.invalid(
          "Invalid value "
              + max
              + " for parameter 'max_results' supplied. It must be a positive"
              + " integer");
    }
    if (max != null && max > MAX_RESULTS_LIMIT) {
      throw MlflowException.invalid(
          "Invalid value "
              + max
              + " for parameter 'max_results' supplied. It must be at most "
              + MAX_RESULTS_LIMIT);
    }
    int limit = max == null ? DEFAULT_MAX_RESULTS : max;
    int offset = PageToken.offset(r.pageToken());
    Long experiment =
        r.experimentId() == null || r.experimentId().isEmpty()
            ? null
            : Validation.experimentId(r.experimentId());
    List<Clause> clauses = IssueFilter.parse(r.filterString());
    boolean counts = Boolean.TRUE.equals(r.includeTraceCount());
    List<Issue> rows = db.read(c -> store.search(c, experiment, clauses, counts, offset, limit));
    boolean more = rows.size() > limit;
    return new IssueList(
        more ? List.copyOf(rows.subList(0, limit)) : rows,
        more ? PageToken.of(offset + limit) : "");
  }

  static MlflowException notFound(String issueId) {
    return MlflowException.notFound("Issue with ID '" + issueId + "' not found");
  }

  private static String checked(String value, Set<String> allowed, String field) {
    if (!allowed.contains(value)) {
      throw MlflowException.invalid(
          "Invalid value '"
              + value
              + "' for parameter '"
              + field
              + "'. Valid values are "
              + allowed.stream().sorted().toList());
    }
    return value;
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static List<String> emptyToNull(List<String> l) {
    return l == null || l.isEmpty() ? null : List.copyOf(l);
  }
}
