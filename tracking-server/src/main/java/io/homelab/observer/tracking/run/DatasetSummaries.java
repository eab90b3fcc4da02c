package io.homelab.observer.tracking.run;

import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.store.Jdbc;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.homelab.observer.tracking.wire.Validation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * MLflow's SearchDatasets (the UI's dataset filter of an experiment): the distinct (experiment,
 * dataset name, digest, {@code mlflow.data.context} input tag) of the runs' dataset inputs, at most
 * 1000 as in MLflow's SQL store. Owns its one query.
 */
@Singleton
public class DatasetSummaries {

  static final int MAX_RESULTS = 1000;
  static final String CONTEXT_TAG = "mlflow.data.context";

  private final Database db;

  public DatasetSummaries(Database db) {
    this.db = db;
  }

  /** One dataset as used in an experiment; {@code context} is null without the context tag. */
  @MlflowJson
  @RegisterForReflection
  public record DatasetSummary(String experimentId, String name, String digest, String context) {}

  public List<DatasetSummary> search(List<String> experimentIds) {
    // The tag name binds first: it comes before the IN list in the statement.
    List<Object> args = new ArrayList<>(List.of(CONTEXT_TAG));
    for (String id : experimentIds == null ? List.<String>of() : experimentIds) {
      args.add(Validation.experimentId(id));
    }
    if (args.size() == 1) {
      return List.of();
    }
    String in = String.join(", ", Collections.nCopies(args.size() - 1, "?"));
    // The context tag is joined on the input's row, so a dataset used without it keeps a null.
    String sql =
        "SELECT DISTINCT d.experiment_id, d.name, d.digest, t.value"
            + " FROM datasets d"
            + " JOIN run_dataset_inputs i ON i.dataset_uuid = d.dataset_uuid"
            + " LEFT JOIN input_tags t ON t.run_uuid = i.run_uuid"
            + " AND t.dataset_uuid = i.dataset_uuid AND t.key = ?"
            + " WHERE d.experiment_id IN ("
            + in
            + ")"
            + " ORDER BY d.experiment_id, d.name, d.digest"
            + " LIMIT "
            + MAX_RESULTS;
    return db.read(
        c ->
            Jdbc.query(
                c,
                sql,
                args,
                rs ->
                    new DatasetSummary(
                        Long.toString(rs.getLong(1)),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4))));
  }
}
