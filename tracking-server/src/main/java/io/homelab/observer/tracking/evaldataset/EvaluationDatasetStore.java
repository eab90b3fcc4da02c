package io.homelab.observer.tracking.evaldataset;

import io.homelab.observer.common.jdbc.Jdbc;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** SQL for evaluation datasets, their tags and experiment links; callers own the transaction. */
@Singleton
public class EvaluationDatasetStore {

  static final String COLUMNS =
      "d.dataset_id, d.name, d.digest, d.dataset_schema, d.profile, d.created_time,"
          + " d.last_update_time, d.created_by, d.last_updated_by";

  void insert(Connection c, DatasetRow d) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO evaluation_datasets (dataset_id, name, digest, dataset_schema, profile,"
            + " created_time, last_update_time, created_by, last_updated_by)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        d.datasetId(),
        d.name(),
        Jdbc.text(d.digest()),
        Jdbc.text(d.schema()),
        Jdbc.text(d.profile()),
        d.createdTime(),
        d.lastUpdateTime(),
        Jdbc.text(d.createdBy()),
        Jdbc.text(d.lastUpdatedBy()));
  }

  Optional<DatasetRow> find(Connection c, String datasetId) throws SQLException {
    return Jdbc.first(
        c,
        "SELECT " + COLUMNS + " FROM evaluation_datasets d WHERE d.dataset_id = ?",
        EvaluationDatasetStore::row,
        datasetId);
  }

  /** Rewrites the mutable columns (update time, digest, schema, profile, last updater). */
  void update(Connection c, DatasetRow d) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE evaluation_datasets SET digest = ?, dataset_schema = ?, profile = ?,"
            + " last_update_time = ?, last_updated_by = ? WHERE dataset_id = ?",
        Jdbc.text(d.digest()),
        Jdbc.text(d.schema()),
        Jdbc.text(d.profile()),
        d.lastUpdateTime(),
        Jdbc.text(d.lastUpdatedBy()),
        d.datasetId());
  }

  /** Deletes the dataset with its tags and experiment links (records: {@link RecordStore}). */
  void delete(Connection c, String datasetId) throws SQLException {
    Jdbc.update(c, "DELETE FROM evaluation_dataset_tags WHERE dataset_id = ?", datasetId);
    Jdbc.update(c, "DELETE FROM evaluation_dataset_experiments WHERE dataset_id = ?", datasetId);
    Jdbc.update(c, "DELETE FROM evaluation_datasets WHERE dataset_id = ?", datasetId);
  }

  /**
   * One page of datasets matching {@code where} (SQL over alias {@code d} with bound {@code args}),
   * in {@code orderBy} order, one row more than {@code limit} to tell whether a next page exists.
   */
  List<DatasetRow> search(
      Connection c, String where, List<Object> args, String orderBy, int offset, int limit)
      throws SQLException {
    List<Object> all = new ArrayList<>(args);
    all.add(limit + 1);
    all.add(offset);
    return Jdbc.query(
        c,
        "SELECT "
            + COLUMNS
            + " FROM evaluation_datasets d WHERE "
            + where
            + " ORDER BY "
            + orderBy
            + " LIMIT ? OFFSET ?",
        all,
        EvaluationDatasetStore::row);
  }

  void setTag(Connection c, String datasetId, String key, String value) throws SQLException {
    int n =
        Jdbc.update(
            c,
            "UPDATE evaluation_dataset_tags SET value = ? WHERE dataset_id = ? AND key = ?",
            Jdbc.text(value),
            datasetId,
            key);
    if (n == 0) {
      Jdbc.update(
          c,
          "INSERT INTO evaluation_dataset_tags (dataset_id, key, value) VALUES (?, ?, ?)",
          datasetId,
          key,
          Jdbc.text(value));
    }
  }

  void deleteTag(Connection c, String datasetId, String key) throws SQLException {
    Jdbc.update(
        c, "DELETE FROM evaluation_dataset_tags WHERE dataset_id = ? AND key = ?", datasetId, key);
  }

  /** The tags of each dataset, keys sorted. */
  Map<String, Map<String, String>> tags(Connection c, List<String> datasetIds) throws SQLException {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (List<String> chunk : chunks(datasetIds)) {
      Jdbc.query(
          c,
          "SELECT dataset_id, key, value FROM evaluation_dataset_tags WHERE dataset_id IN ("
              + Jdbc.placeholders(chunk.size())
              + ")",
          chunk,
          rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                .put(rs.getString(2), rs.getString(3));
            return null;
          });
    }
    return out;
  }

  /** The experiments each dataset is linked to, in the order they were linked. */
  Map<String, List<String>> experiments(Connection c, List<String> datasetIds) throws SQLException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (List<String> chunk : chunks(datasetIds)) {
      Jdbc.query(
          c,
          "SELECT dataset_id, experiment_id FROM evaluation_dataset_experiments"
              + " WHERE dataset_id IN ("
              + Jdbc.placeholders(chunk.size())
              + ") ORDER BY dataset_id, created_time, experiment_id",
          chunk,
          rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(Long.toString(rs.getLong(2)));
            return null;
          });
    }
    return out;
  }

  /** Links the dataset to an experiment; false when it already was. */
  boolean link(Connection c, String datasetId, long experimentId, long now) throws SQLException {
    boolean linked =
        Jdbc.first(
                c,
                "SELECT 1 FROM evaluation_dataset_experiments"
                    + " WHERE dataset_id = ? AND experiment_id = ?",
                rs -> 1,
                datasetId,
                experimentId)
            .isPresent();
    if (linked) {
      return false;
    }
    Jdbc.update(
        c,
        "INSERT INTO evaluation_dataset_experiments (dataset_id, experiment_id, created_time)"
            + " VALUES (?, ?, ?)",
        datasetId,
        experimentId,
        now);
    return true;
  }

  /** Removes a link; false when there was none. */
  boolean unlink(Connection c, String datasetId, long experimentId) throws SQLException {
    return Jdbc.update(
            c,
            "DELETE FROM evaluation_dataset_experiments WHERE dataset_id = ? AND experiment_id = ?",
            datasetId,
            experimentId)
        > 0;
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 500) {
      out.add(ids.subList(i, Math.min(ids.size(), i + 500)));
    }
    return out;
  }

  static DatasetRow row(ResultSet rs) throws SQLException {
    return new DatasetRow(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getLong(6),
        rs.getLong(7),
        rs.getString(8),
        rs.getString(9));
  }
}
