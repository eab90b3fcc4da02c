package io.homelab.observer.tracking.search;

import io.homelab.observer.tracking.error.MlflowException;
import java.util.function.LongFunction;

/**
 * The one check of a search's {@code max_results}: absent means the endpoint's default, anything
 * outside 1..limit is INVALID_PARAMETER_VALUE. Each endpoint keeps MLflow's own wording of the
 * refusal (clients match on it), so the message is the caller's.
 */
public final class MaxResults {

  private MaxResults() {}

  /** The page size to use. */
  public static int check(
      Long requested, int defaultSize, int limit, LongFunction<String> refusal) {
    if (requested == null) {
      return defaultSize;
    }
    if (requested < 1 || requested > limit) {
      throw MlflowException.invalid(refusal.apply(requested));
    }
    return requested.intValue();
  }
}
