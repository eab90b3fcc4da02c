package io.homelab.observer.tracking.run;

import static io.homelab.observer.tracking.run.RunResourceTest.experiment;
import static io.homelab.observer.tracking.run.RunResourceTest.post;
import static io.homelab.observer.tracking.run.RunResourceTest.run;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A metric that is both filtered and ordered on is joined once (RunSearch) instead of looked up by
 * the filter and again by the order: MLflow's semantics must not change with it. Runs: a acc=0.9, b
 * acc=NaN, c acc=0.2, d without acc, e acc=0.5 (each also has loss, so d exists for metrics).
 */
@QuarkusTest
class SearchMetricFilterOrderTest {

  private String exp;
  private String a;
  private String b;
  private String c;
  private String d;
  private String e;

  @BeforeEach
  void runs() {
    exp = experiment();
    a = withAcc("0.9");
    b = withAcc("\"NaN\"");
    c = withAcc("0.2");
    d = withAcc(null);
    e = withAcc("0.5");
  }

  private String withAcc(String acc) {
    String id = run(exp);
    String metrics = "{\"key\":\"loss\",\"value\":1,\"timestamp\":1,\"step\":0}";
    if (acc != null) {
      // An older point with a larger value first: the filter must see the latest (max step) one.
      metrics +=
          ",{\"key\":\"acc\",\"value\":100,\"timestamp\":1,\"step\":0}"
              + ",{\"key\":\"acc\",\"value\":"
              + acc
              + ",\"timestamp\":2,\"step\":1}";
    }
    post("runs/log-batch", "{\"run_id\":\"" + id + "\",\"metrics\":[" + metrics + "]}")
        .statusCode(200);
    return id;
  }

  private List<String> search(String filter, String orderBy) {
    return post(
            "runs/search",
            "{\"experiment_ids\":[\""
                + exp
                + "\"]"
                + (filter == null ? "" : ",\"filter\":\"" + filter + "\"")
                + ",\"order_by\":[\""
                + orderBy
                + "\"]}")
        .statusCode(200)
        .extract()
        .path("runs.info.run_id");
  }

  @Test
  void comparisonFilterOnTheOrderedMetricSkipsNanAndMissing() {
    assertThat(search("metrics.acc > 0.1", "metrics.acc DESC"), is(List.of(a, e, c)));
    assertThat(search("metrics.acc > 0.1", "metrics.acc ASC"), is(List.of(c, e, a)));
    assertThat(search("metrics.acc <= 0.5", "metrics.acc DESC"), is(List.of(e, c)));
  }

  @Test
  void notEqualMatchesNanButNotMissing() {
    // As MLflow: "!=" is true for a NaN latest value; a run without the metric never matches.
    assertThat(search("metrics.acc != 0.5", "metrics.acc ASC"), is(List.of(c, a, b)));
  }

  @Test
  void twoClausesOnTheSameMetricBothApply() {
    assertThat(
        search("metrics.acc >= 0.2 AND metrics.acc < 0.9", "metrics.acc DESC"), is(List.of(e, c)));
    assertThat(
        search("metrics.acc > 0.1 AND metrics.loss = 1", "metrics.acc DESC"), is(List.of(a, e, c)));
  }

  @Test
  void orderWithoutFilterKeepsNanThenMissingLast() {
    assertThat(search(null, "metrics.acc DESC"), is(List.of(a, e, c, b, d)));
    assertThat(search("metrics.loss = 1", "metrics.acc ASC"), is(List.of(c, e, a, b, d)));
  }
}
