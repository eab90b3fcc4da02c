package io.homelab.observer.tracking.dataset;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.dataset.DatasetSummaries.DatasetSummary;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the dataset summaries: datasets joined to the run inputs that used them. */
@Singleton
public class DatasetSummaryStore {

  /** MLflow's MAX_DATASET_SUMMARIES_RESULTS. */
  static final int MAX_RESULTS = 1000;

  /**
   * Distinct (experiment, name, digest, context) of the datasets logged as inputs in these
   * experiments; the context is the input's {@code mlflow.data.context} tag, or null without one (a
   * left join, as MLflow's SQL store).
   */
  List<DatasetSummary> summaries(Connection c, List<Long> experimentIds) throws SQLException {
    List<Object> args = new ArrayList<>(experimentIds);
    args.add(MAX_RESULTS);
    return Jdbc.query(
        c,
        "SELECT DISTINCT d.experiment_id, d.name, d.digest, t.value FROM datasets d"
            + " JOIN run_dataset_inputs i ON i.dataset_uuid = d.dataset_uuid"
            + " LEFT JOIN input_tags t ON t.run_uuid = i.run_uuid"
            + " AND t.dataset_uuid = i.dataset_uuid AND t.key = 'mlflow.data.context'"
            + " WHERE d.experiment_id IN ("
            + Jdbc.placeholders(experimentIds.size())
            + ") ORDER BY d.experiment_id, d.name, d.digest LIMIT ?",
        args,
        rs ->
            new DatasetSummary(
                String.valueOf(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4)));
  }
}
