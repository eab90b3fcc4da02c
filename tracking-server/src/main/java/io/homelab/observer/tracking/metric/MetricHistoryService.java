package io.homelab.observer.tracking.metric;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.search.MaxResults;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.store.Database;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Metric history as MLflow serves it: all points of one key of one run ordered by (timestamp, step,
 * value), paged when max_results is given; and the UI's sampled multi-run interval view.
 */
@Singleton
public class MetricHistoryService {

  static final int MAX_RUNS_BULK = 100;
  static final int MAX_RESULTS_PER_RUN = 2500;
  static final int MAX_RESULTS_BULK = 25_000;

  private final Database db;
  private final MetricStore store;

  public MetricHistoryService(Database db, MetricStore store) {
    this.db = db;
    this.store = store;
  }

  /** One page of a metric's history and the token of the next page (null on the last). */
  public record History(PointColumns points, String nextPageToken) {

    /** The page as the REST API writes it ({@code {"metrics":[...],"next_page_token"}}). */
    public void writeJson(OutputStream out) throws IOException {
      new HistoryJson(points, nextPageToken).write(out);
    }
  }

  /**
   * One metric's history; without max_results the whole history in one page. The rows come off the
   * primary-key index in answer order (a covering index: every selected column is in the key)
   * straight into primitive columns, and the connection goes back to the pool before the response
   * is written, so a slow client never holds a database connection.
   */
  public History history(String runId, String key, Long maxResults, String pageToken) {
    if (maxResults != null && maxResults < 1) {
      throw MlflowException.invalid(
          "Invalid value "
              + maxResults
              + " for parameter 'max_results' supplied. It must be a positive integer.");
    }
    int offset = PageToken.offset(pageToken);
    // One row more than the page tells whether there is a next page.
    Long limit = maxResults == null ? null : Math.min(maxResults, Integer.MAX_VALUE - 1L) + 1;
    PointColumns points =
        db.read(
            c -> {
              if (!store.runExists(c, runId)) {
                throw MlflowException.notFound("Run with id=" + runId + " not found");
              }
              PointColumns out = new PointColumns(key, false);
              store.history(c, runId, key, limit, offset, out);
              return out;
            });
    if (maxResults != null && points.size() > maxResults) {
      points.truncate(maxResults.intValue());
      return new History(points, PageToken.of(offset + maxResults.intValue()));
    }
    return new History(points, null);
  }

  /** MLflow's get-history-bulk (the UI's older chart call): whole histories of up to 100 runs. */
  public History bulk(List<String> runIds, String key, Long maxResults) {
    if (runIds == null || runIds.isEmpty()) {
      throw MlflowException.invalid(
          "GetMetricHistoryBulk request must specify at least one run_id.");
    }
    if (runIds.size() > MAX_RUNS_BULK) {
      throw MlflowException.invalid(
          "GetMetricHistoryBulk request cannot specify more than "
              + MAX_RUNS_BULK
              + " run_ids. Received "
              + runIds.size()
              + " run_ids.");
    }
    if (key == null) {
      throw MlflowException.invalid("GetMetricHistoryBulk request must specify a metric_key.");
    }
    int max = (int) Math.min(maxResults == null ? MAX_RESULTS_BULK : maxResults, MAX_RESULTS_BULK);
    return db.read(
        c -> {
          PointColumns out = new PointColumns(key, true);
          store.historyOfRuns(c, runIds, key, Math.max(0, max), out);
          return new History(out, null);
        });
  }

  /**
   * MLflow's get-history-bulk-interval: each run's points are sampled to at most max_results
   * (MLflow 3.17's row sampling, first and last point kept), run after run.
   */
  public History bulkInterval(
      List<String> runIds, String key, Long startStep, Long endStep, Long maxResults) {
    if (runIds == null || runIds.isEmpty()) {
      throw MlflowException.missing("run_ids");
    }
    if (runIds.size() > MAX_RUNS_BULK) {
      throw MlflowException.invalid(
          "GetMetricHistoryBulkInterval request must specify at most "
              + MAX_RUNS_BULK
              + " run_ids. Received "
              + runIds.size()
              + " run_ids.");
    }
    int max =
        MaxResults.check(
            maxResults, MAX_RESULTS_PER_RUN, MAX_RESULTS_PER_RUN, MaxResults.Wording.BULK_INTERVAL);
    if ((startStep == null) != (endStep == null)) {
      throw MlflowException.invalid(
          "If either start step or end step are specified, both must be specified.");
    }
    if (startStep != null && startStep > endStep) {
      throw MlflowException.invalid(
          "end_step must be greater than start_step. Found start_step="
              + startStep
              + " and end_step="
              + endStep
              + ".");
    }
    return db.read(
        c -> {
          PointColumns out = new PointColumns(key, true);
          for (String runId : runIds) {
            store.sampled(c, runId, key, max, startStep, endStep, out);
          }
          return new History(out, null);
        });
  }
}
