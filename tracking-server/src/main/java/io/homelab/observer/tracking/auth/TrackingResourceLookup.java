package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.store.Database;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * {@link ResourceLookup} on the tracking store: experiment names through {@link ExperimentService},
 * the owning experiment of a run or logged model by primary-key reads of the tracking tables
 * ({@code runs}, {@code logged_models}), which is all a permission check needs.
 */
@Singleton
public class TrackingResourceLookup implements ResourceLookup {

  private final ExperimentService experiments;
  private final Database db;

  public TrackingResourceLookup(ExperimentService experiments, Database db) {
    this.experiments = experiments;
    this.db = db;
  }

  @Override
  public Optional<String> experimentOfRun(String runId) {
    return experimentOf("SELECT experiment_id FROM runs WHERE run_uuid = ?", runId);
  }

  @Override
  public Optional<String> experimentOfLoggedModel(String modelId) {
    return experimentOf("SELECT experiment_id FROM logged_models WHERE model_id = ?", modelId);
  }

  @Override
  public Optional<String> experimentIdByName(String name) {
    return experiments.findByName(name).map(e -> e.experimentId());
  }

  private Optional<String> experimentOf(String sql, String id) {
    return db.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(Long.toString(rs.getLong(1))) : Optional.<String>empty();
            }
          }
        });
  }
}
