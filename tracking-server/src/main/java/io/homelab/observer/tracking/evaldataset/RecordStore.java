package io.homelab.observer.tracking.evaldataset;

import io.homelab.observer.common.jdbc.Jdbc;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for evaluation-dataset records; callers own the transaction. */
@Singleton
public class RecordStore {

  private static final String COLUMNS =
      "dataset_record_id, dataset_id, input_hash, inputs, outputs, expectations, tags, source,"
          + " source_id, source_type, created_time, last_update_time, created_by, last_updated_by";

  Optional<RecordRow> findByInputs(Connection c, String datasetId, String inputHash)
      throws SQLException {
    return Jdbc.first(
        c,
        "SELECT "
            + COLUMNS
            + " FROM evaluation_dataset_records WHERE dataset_id = ? AND input_hash = ?",
        RecordStore::row,
        datasetId,
        inputHash);
  }

  void insert(Connection c, RecordRow r) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO evaluation_dataset_records ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        r.datasetRecordId(),
        r.datasetId(),
        r.inputHash(),
        r.inputs(),
        Jdbc.text(r.outputs()),
        Jdbc.text(r.expectations()),
        Jdbc.text(r.tags()),
        Jdbc.text(r.source()),
        Jdbc.text(r.sourceId()),
        Jdbc.text(r.sourceType()),
        r.createdTime(),
        r.lastUpdateTime(),
        Jdbc.text(r.createdBy()),
        Jdbc.text(r.lastUpdatedBy()));
  }

  /** Rewrites what an upsert may change: outputs, expectations, tags, update time and updater. */
  void update(Connection c, RecordRow r) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE evaluation_dataset_records SET outputs = ?, expectations = ?, tags = ?,"
            + " last_update_time = ?, last_updated_by = ? WHERE dataset_record_id = ?",
        Jdbc.text(r.outputs()),
        Jdbc.text(r.expectations()),
        Jdbc.text(r.tags()),
        r.lastUpdateTime(),
        Jdbc.text(r.lastUpdatedBy()),
        r.datasetRecordId());
  }

  int count(Connection c, String datasetId) throws SQLException {
    return Jdbc.first(
            c,
            "SELECT COUNT(*) FROM evaluation_dataset_records WHERE dataset_id = ?",
            rs -> rs.getInt(1),
            datasetId)
        .orElse(0);
  }

  /**
   * Records in (created_time, dataset_record_id) order after the cursor (null: from the start), at
   * most {@code limit} (0: all).
   */
  List<RecordRow> page(Connection c, String datasetId, Long afterTime, String afterId, int limit)
      throws SQLException {
    List<Object> args = new ArrayList<>();
    args.add(datasetId);
    String sql = "SELECT " + COLUMNS + " FROM evaluation_dataset_records WHERE dataset_id = ?";
    if (afterTime != null) {
      sql += " AND (created_time > ? OR (created_time = ? AND dataset_record_id > ?))";
      args.add(afterTime);
      args.add(afterTime);
      args.add(afterId);
    }
    sql += " ORDER BY created_time, dataset_record_id";
    if (limit > 0) {
      sql += " LIMIT ?";
      args.add(limit);
    }
    return Jdbc.query(c, sql, args, RecordStore::row);
  }

  int delete(Connection c, String datasetId, List<String> recordIds) throws SQLException {
    int n = 0;
    for (int i = 0; i < recordIds.size(); i += 500) {
      List<String> chunk = recordIds.subList(i, Math.min(recordIds.size(), i + 500));
      List<Object> args = new ArrayList<>();
      args.add(datasetId);
      args.addAll(chunk);
      n +=
          Jdbc.update(
              c,
              "DELETE FROM evaluation_dataset_records WHERE dataset_id = ? AND dataset_record_id IN ("
                  + Jdbc.placeholders(chunk.size())
                  + ")",
              args.toArray());
    }
    return n;
  }

  void deleteAll(Connection c, String datasetId) throws SQLException {
    Jdbc.update(c, "DELETE FROM evaluation_dataset_records WHERE dataset_id = ?", datasetId);
  }

  private static RecordRow row(ResultSet rs) throws SQLException {
    return new RecordRow(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getLong(11),
        rs.getLong(12),
        rs.getString(13),
        rs.getString(14));
  }
}
