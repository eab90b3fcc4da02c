package io.homelab.observer.tracking.metric;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.store.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SQL for metric points: appending them with each key's latest value, and reading a key's history;
 * callers own the transaction.
 */
@Singleton
public class MetricStore {

  private static final String METRIC_INSERT_HEAD =
      "INSERT INTO metrics (run_uuid, key, value, timestamp, step, is_nan, model_id, dataset_name, dataset_digest)"
          + " VALUES ";
  private static final int METRIC_COLUMNS = 9;
  private static final String METRIC_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_METRIC =
      METRIC_INSERT_HEAD + METRIC_ROW + " ON CONFLICT DO NOTHING";

  /**
   * The same INSERT without the model and dataset columns (NULL by default), for batches where no
   * point has them, nearly all: a third fewer parameters to bind, each a JNI call on SQLite.
   */
  private static final String POINT_INSERT_HEAD =
      "INSERT INTO metrics (run_uuid, key, value, timestamp, step, is_nan) VALUES ";

  private static final String POINT_ROW = "(?, ?, ?, ?, ?, ?)";

  /** Rows per multi-row metric INSERT: 900 parameters, far below SQLite's and PostgreSQL's caps. */
  static final int METRIC_ROWS_PER_INSERT = 100;

  private static final String INSERT_METRICS_CHUNK =
      METRIC_INSERT_HEAD
          + String.join(", ", Collections.nCopies(METRIC_ROWS_PER_INSERT, METRIC_ROW))
          + " ON CONFLICT DO NOTHING";
  private static final String INSERT_POINTS_CHUNK =
      POINT_INSERT_HEAD
          + String.join(", ", Collections.nCopies(METRIC_ROWS_PER_INSERT, POINT_ROW))
          + " ON CONFLICT DO NOTHING";
  private static final String LATEST_INSERT_HEAD =
      "INSERT INTO latest_metrics (run_uuid, key, value, timestamp, step, is_nan) VALUES ";
  private static final String LATEST_ROW = "(?, ?, ?, ?, ?, ?)";
  private static final int LATEST_COLUMNS = 6;
  private static final String LATEST_CONFLICT =
      " ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value, timestamp = excluded.timestamp,"
          + " step = excluded.step, is_nan = excluded.is_nan"
          + " WHERE excluded.step > latest_metrics.step"
          + " OR (excluded.step = latest_metrics.step AND excluded.timestamp > latest_metrics.timestamp)"
          + " OR (excluded.step = latest_metrics.step AND excluded.timestamp = latest_metrics.timestamp"
          + " AND excluded.is_nan = 0 AND (latest_metrics.is_nan = 1 OR excluded.value > latest_metrics.value))";
  private static final String UPSERT_LATEST = LATEST_INSERT_HEAD + LATEST_ROW + LATEST_CONFLICT;

  /**
   * The same upsert for METRIC_ROWS_PER_INSERT keys at once (600 parameters): a batch of 1,000
   * distinct keys took 1,000 statement steps for its latest values, as many as all its points. Each
   * key appears once per statement (PostgreSQL refuses to update one row twice in one).
   */
  private static final String UPSERT_LATEST_CHUNK =
      LATEST_INSERT_HEAD
          + String.join(", ", Collections.nCopies(METRIC_ROWS_PER_INSERT, LATEST_ROW))
          + LATEST_CONFLICT;

  private static final String POINT_COLUMNS = "SELECT value, timestamp, step, is_nan FROM metrics";

  private final Database db;

  public MetricStore(Database db) {
    this.db = db;
  }

  /** Appends one run's metric points; see {@link #insert(Connection, String, MetricPoints)}. */
  public void insert(Connection c, String runId, List<Metric> metrics) throws SQLException {
    MetricPoints points = new MetricPoints(metrics.size());
    for (Metric m : metrics) {
      points.add(
          m.key(),
          m.value(),
          m.timestamp(),
          m.step(),
          m.modelId(),
          m.datasetName(),
          m.datasetDigest());
    }
    insert(c, runId, points);
  }

  /**
   * Appends metric points (exact duplicates ignored, as MLflow's primary key does) and moves each
   * key's latest value forward when a point is newer by (step, timestamp, value).
   */
  public void insert(Connection c, String runId, MetricPoints points) throws SQLException {
    if (points.size() == 0) {
      return;
    }
    // In index order (key, then timestamp, step): consecutive rows land next to each other in the
    // metrics key index, on pages just visited, instead of hopping across it as a request lists its
    // keys (k0, k1, ..., k999 is not the index's order, and 20 keys x 50 steps alternates keys).
    // About a fifth less SQLite time for 1,000 distinct keys (docs/benchmarks.md, issue 19). Which
    // points are stored and which is latest does not depend on the order.
    BatchOrder order = BatchOrder.of(points);
    int[] rows = order.rows();
    // Full chunks go in one multi-row INSERT each (one statement step instead of one per row: a
    // third less writer time for a 100-metric batch on SQLite); the rest as a JDBC batch.
    int full = rows.length - rows.length % METRIC_ROWS_PER_INSERT;
    boolean plain = points.withoutModelsOrDatasets();
    for (int from = 0; from < full; from += METRIC_ROWS_PER_INSERT) {
      int first = from;
      db.withStatement(
          c,
          plain ? INSERT_POINTS_CHUNK : INSERT_METRICS_CHUNK,
          ps -> {
            for (int r = 0; r < METRIC_ROWS_PER_INSERT; r++) {
              if (plain) {
                bindLatestColumns(ps, r * LATEST_COLUMNS, runId, points, rows[first + r]);
              } else {
                bindMetricRow(ps, r * METRIC_COLUMNS, runId, points, rows[first + r]);
              }
            }
            return ps.executeUpdate();
          });
    }
    if (full < rows.length) {
      db.withStatement(
          c,
          INSERT_METRIC,
          ps -> {
            for (int r = full; r < rows.length; r++) {
              bindMetricRow(ps, 0, runId, points, rows[r]);
              ps.addBatch();
            }
            return ps.executeBatch();
          });
    }
    int[] latest = order.latestPerKey();
    int fullLatest = latest.length - latest.length % METRIC_ROWS_PER_INSERT;
    for (int from = 0; from < fullLatest; from += METRIC_ROWS_PER_INSERT) {
      int first = from;
      db.withStatement(
          c,
          UPSERT_LATEST_CHUNK,
          ps -> {
            for (int r = 0; r < METRIC_ROWS_PER_INSERT; r++) {
              bindLatestColumns(ps, r * LATEST_COLUMNS, runId, points, latest[first + r]);
            }
            return ps.executeUpdate();
          });
    }
    if (fullLatest < latest.length) {
      db.withStatement(
          c,
          UPSERT_LATEST,
          ps -> {
            for (int r = fullLatest; r < latest.length; r++) {
              bindLatestColumns(ps, 0, runId, points, latest[r]);
              ps.addBatch();
            }
            return ps.executeBatch();
          });
    }
  }

  /** Whether the run exists (a history of a missing run is an error, not an empty list). */
  boolean runExists(Connection c, String runId) throws SQLException {
    return Jdbc.first(c, "SELECT 1 FROM runs WHERE run_uuid = ?", rs -> 1, runId).isPresent();
  }

  /**
   * Appends the points of one key of one run to {@code out} in MLflow's history order (timestamp,
   * step, value), {@code limit} of them (all when null) from {@code offset} on. The rows come off
   * the primary-key index in that order (a covering index: every selected column is in the key).
   */
  void history(Connection c, String runId, String key, Long limit, int offset, PointColumns out)
      throws SQLException {
    String sql =
        POINT_COLUMNS
            + " WHERE run_uuid = ? AND key = ? ORDER BY timestamp, step, value"
            + (limit != null ? " LIMIT ?" : "")
            + (offset > 0 ? (limit != null ? " OFFSET ?" : " LIMIT -1 OFFSET ?") : "");
    if (db.dialect() == Database.Dialect.POSTGRESQL) {
      sql = sql.replace("LIMIT -1 OFFSET", "OFFSET");
    }
    List<Object> args = new ArrayList<>(List.of(runId, key));
    if (limit != null) {
      args.add(limit);
    }
    if (offset > 0) {
      args.add(offset);
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      // PostgreSQL: a cursor of 10,000 rows at a time instead of the whole result in the driver
      // (needs autocommit off, which the pool's connections are).
      ps.setFetchSize(10_000);
      Jdbc.bind(ps, args);
      readPoints(ps, out, null);
    }
  }

  /**
   * get-history-bulk: the points of one key of each run (run ids ascending, each run's points by
   * timestamp, step, value), at most {@code limit} in all, tagged with their run id.
   */
  void historyOfRuns(Connection c, List<String> runIds, String key, int limit, PointColumns out)
      throws SQLException {
    for (String runId : runIds.stream().distinct().sorted().toList()) {
      int left = limit - out.size();
      if (left <= 0) {
        return;
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              POINT_COLUMNS
                  + " WHERE run_uuid = ? AND key = ? ORDER BY timestamp, step, value LIMIT ?")) {
        Jdbc.bind(ps, List.of(runId, key, left));
        readPoints(ps, out, runId);
      }
    }
  }

  /**
   * MLflow 3.17's sampling of one run's history for get-history-bulk-interval: the points (in step,
   * timestamp, value order, within the step range when given) fall into {@code max} equal buckets
   * (SQL's NTILE) and the first point of each is kept; the run's last point is always kept too,
   * replacing the last sample when there are already {@code max}. Done in SQL, so at most about
   * {@code max} rows leave the database however long the history is.
   */
  void sampled(
      Connection c, String runId, String key, int max, Long fromStep, Long toStep, PointColumns out)
      throws SQLException {
    String where =
        " WHERE run_uuid = ? AND key = ?"
            + (fromStep == null ? "" : " AND step >= ? AND step <= ?");
    List<Object> args = new ArrayList<>(List.of(runId, key));
    if (fromStep != null) {
      args.add(fromStep);
      args.add(toStep);
    }
    String order = "step, timestamp, value, is_nan";
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT value, timestamp, step, is_nan FROM (SELECT value, timestamp, step, is_nan,"
                + " ROW_NUMBER() OVER (PARTITION BY bucket ORDER BY "
                + order
                + ") AS rn FROM"
                + " (SELECT value, timestamp, step, is_nan, NTILE(?) OVER (ORDER BY "
                + order
                + ") AS bucket FROM metrics"
                + where
                + ") b) r WHERE rn = 1 ORDER BY "
                + order)) {
      List<Object> all = new ArrayList<>();
      all.add(max);
      all.addAll(args);
      Jdbc.bind(ps, all);
      readRows(ps, rows);
    }
    List<Row> last = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            POINT_COLUMNS
                + where
                + " ORDER BY step DESC, timestamp DESC, value DESC, is_nan DESC LIMIT 1")) {
      Jdbc.bind(ps, args);
      readRows(ps, last);
    }
    if (!last.isEmpty() && (rows.isEmpty() || !rows.get(rows.size() - 1).equals(last.get(0)))) {
      if (rows.size() >= max) {
        rows.set(rows.size() - 1, last.get(0));
      } else {
        rows.add(last.get(0));
      }
    }
    for (Row r : rows) {
      // NaN is stored as 0 with is_nan = 1 (SQLite has no NaN), as MLflow does.
      out.add(r.isNan() == 1 ? Double.NaN : r.value(), r.timestamp(), r.step(), runId);
    }
  }

  /** One stored point as its columns, compared whole (the last-point check above). */
  private record Row(double value, long timestamp, long step, int isNan) {}

  private static void readRows(PreparedStatement ps, List<Row> rows) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(new Row(rs.getDouble(1), rs.getLong(2), rs.getLong(3), rs.getInt(4)));
      }
    }
  }

  private static void readPoints(PreparedStatement ps, PointColumns out, String runId)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        // NaN is stored as 0 with is_nan = 1 (SQLite has no NaN), as MLflow does.
        double value = rs.getInt(4) == 1 ? Double.NaN : rs.getDouble(1);
        if (runId == null) {
          out.add(value, rs.getLong(2), rs.getLong(3));
        } else {
          out.add(value, rs.getLong(2), rs.getLong(3), runId);
        }
      }
    }
  }

  private static void bindMetricRow(
      PreparedStatement ps, int offset, String runId, MetricPoints points, int i)
      throws SQLException {
    bindLatestColumns(ps, offset, runId, points, i);
    ps.setString(offset + 7, points.modelId(i));
    ps.setString(offset + 8, points.datasetName(i));
    ps.setString(offset + 9, points.datasetDigest(i));
  }

  /** The six columns metrics and latest_metrics share; NaN as 0 with is_nan = 1. */
  private static void bindLatestColumns(
      PreparedStatement ps, int offset, String runId, MetricPoints points, int i)
      throws SQLException {
    double value = points.value(i);
    boolean nan = Double.isNaN(value);
    ps.setString(offset + 1, runId);
    ps.setString(offset + 2, points.key(i));
    ps.setDouble(offset + 3, nan ? 0.0 : value);
    ps.setLong(offset + 4, points.timestamp(i));
    ps.setLong(offset + 5, points.step(i));
    ps.setInt(offset + 6, nan ? 1 : 0);
  }
}
