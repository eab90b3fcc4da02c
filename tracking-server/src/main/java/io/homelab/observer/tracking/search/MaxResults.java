package io.homelab.observer.tracking.search;

import io.homelab.observer.tracking.error.MlflowException;

/**
 * The one check of a search's {@code max_results}: absent means the endpoint's default, anything
 * outside 1..limit is INVALID_PARAMETER_VALUE. MLflow words the refusal differently per API, and
 * clients match on it, so each endpoint names its {@link Wording}.
 */
public final class MaxResults {

  private MaxResults() {}

  /** MLflow's refusal texts. */
  public enum Wording {
    /** runs/search, experiments/search. */
    TRACKING,
    /** registered-models/search, model-versions/search. */
    REGISTRY,
    /** logged-models/search. */
    LOGGED_MODELS,
    /** metrics/get-history-bulk-interval. */
    BULK_INTERVAL;

    String refusal(long limit, long requested) {
      return switch (this) {
        case TRACKING ->
            "Invalid value "
                + requested
                + " for parameter 'max_results' supplied. It must be at most "
                + limit
                + " and positive.";
        case REGISTRY ->
            "Invalid value for request parameter max_results. It must be at most "
                + limit
                + ", but got value "
                + requested;
        case LOGGED_MODELS ->
            "max_results must be between 1 and " + limit + ", got " + requested + ".";
        case BULK_INTERVAL -> "max_results must be between 1 and " + limit + ".";
      };
    }
  }

  /** The page size to use. */
  public static int check(Long requested, int defaultSize, int limit, Wording wording) {
    if (requested == null) {
      return defaultSize;
    }
    if (requested < 1 || requested > limit) {
      throw MlflowException.invalid(wording.refusal(limit, requested));
    }
    return requested.intValue();
  }
}
