package io.homelab.observer.tracking.tracemetrics;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.trace.TraceService;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.homelab.observer.tracking.wire.Validation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * MLflow 3's CalculateTraceFilterCorrelation: how strongly two trace filters co-occur in the given
 * experiments (optionally within a base filter, which is then the population), as normalised
 * pointwise mutual information, plain and with Jeffreys-prior smoothing, plus the four counts.
 */
@Singleton
public class FilterCorrelation {

  @MlflowJson
  @RegisterForReflection
  public record Request(
      List<String> experimentIds, String filterString1, String filterString2, String baseFilter) {}

  @MlflowJson
  @RegisterForReflection
  public record Result(
      Double npmi,
      Double npmiSmoothed,
      Integer filter1Count,
      Integer filter2Count,
      Integer jointCount,
      Integer totalCount) {}

  private final TraceService traces;

  public FilterCorrelation(TraceService traces) {
    this.traces = traces;
  }

  public Result calculate(Request r) {
    if (r.experimentIds() == null || r.experimentIds().isEmpty()) {
      throw MlflowException.missing("experiment_ids");
    }
    if (r.filterString1() == null || r.filterString1().isBlank()) {
      throw MlflowException.missing("filter_string1");
    }
    if (r.filterString2() == null || r.filterString2().isBlank()) {
      throw MlflowException.missing("filter_string2");
    }
    List<String> ids = new ArrayList<>();
    for (String e : r.experimentIds()) {
      ids.add(Long.toString(Validation.experimentId(e)));
    }
    String base = r.baseFilter() == null || r.baseFilter().isBlank() ? null : r.baseFilter();
    long total = traces.count(ids, listOf(base));
    long f1 = traces.count(ids, listOf(base, r.filterString1()));
    long f2 = traces.count(ids, listOf(base, r.filterString2()));
    long joint = traces.count(ids, listOf(base, r.filterString1(), r.filterString2()));
    double[] npmi = Npmi.fromCounts(joint, f1, f2, total);
    return new Result(npmi[0], npmi[1], (int) f1, (int) f2, (int) joint, (int) total);
  }

  private static List<String> listOf(String... filters) {
    List<String> out = new ArrayList<>();
    for (String f : filters) {
      if (f != null) {
        out.add(f);
      }
    }
    return out;
  }
}
