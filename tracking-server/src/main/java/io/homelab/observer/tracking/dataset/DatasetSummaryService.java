package io.homelab.observer.tracking.dataset;

import io.homelab.observer.tracking.dataset.DatasetSummaries.DatasetSummary;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.inject.Singleton;
import java.util.List;

/** MLflow's search-datasets rules: 1 to 20 experiment ids, at most 1,000 summaries. */
@Singleton
public class DatasetSummaryService {

  /** MLflow's MAX_EXPERIMENT_IDS_PER_REQUEST of this call. */
  static final int MAX_EXPERIMENT_IDS = 20;

  private final Database db;
  private final DatasetSummaryStore store;

  public DatasetSummaryService(Database db, DatasetSummaryStore store) {
    this.db = db;
    this.store = store;
  }

  /** The dataset summaries of these experiments. */
  public List<DatasetSummary> search(List<String> experimentIds) {
    if (experimentIds == null || experimentIds.isEmpty()) {
      throw MlflowException.invalid(
          "SearchDatasets request must specify at least one experiment_id.");
    }
    if (experimentIds.size() > MAX_EXPERIMENT_IDS) {
      throw MlflowException.invalid(
          "SearchDatasets request cannot specify more than "
              + MAX_EXPERIMENT_IDS
              + " experiment_ids. Received "
              + experimentIds.size()
              + " experiment_ids.");
    }
    List<Long> ids = experimentIds.stream().map(Validation::experimentId).toList();
    return db.read(c -> store.summaries(c, ids));
  }
}
