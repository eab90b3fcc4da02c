package io.homelab.observer.tracking.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.tracking.error.MlflowException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterParserTest {

  @Test
  void parsesMlflowDocumentationExample() {
    List<Clause> clauses =
        FilterParser.parse(
            "metrics.rmse < 1 and params.model = 'x' and tags.mlflow.runName LIKE 'exp%' and attributes.status = 'FINISHED'");
    assertThat(clauses)
        .containsExactly(
            new Clause(Clause.METRIC, "rmse", "<", 1.0),
            new Clause(Clause.PARAM, "model", "=", "x"),
            new Clause(Clause.TAG, "mlflow.runName", "LIKE", "exp%"),
            new Clause(Clause.ATTRIBUTE, "status", "=", "FINISHED"));
  }

  @Test
  void quotedKeysAliasesAndBareAttributes() {
    assertThat(FilterParser.parse("metrics.\"model class\" >= -1.5e2"))
        .containsExactly(new Clause(Clause.METRIC, "model class", ">=", -150.0));
    assertThat(FilterParser.parse("tags.`user-name` != \"bob\""))
        .containsExactly(new Clause(Clause.TAG, "user-name", "!=", "bob"));
    assertThat(FilterParser.parse("parameter.lr ILIKE '%1'"))
        .containsExactly(new Clause(Clause.PARAM, "lr", "ILIKE", "%1"));
    assertThat(FilterParser.parse("name = 'it''s'"))
        .containsExactly(new Clause(Clause.ATTRIBUTE, "name", "=", "it's"));
  }

  @Test
  void inListsAndNullChecks() {
    assertThat(
            FilterParser.parse(
                "attributes.run_id IN ('a', 'b') AND tags.x IS NULL and params.y is not null"))
        .containsExactly(
            new Clause(Clause.ATTRIBUTE, "run_id", "IN", List.of("a", "b")),
            new Clause(Clause.TAG, "x", "IS NULL", null),
            new Clause(Clause.PARAM, "y", "IS NOT NULL", null));
    assertThat(FilterParser.parse("datasets.name NOT IN ('d')"))
        .containsExactly(new Clause(Clause.DATASET, "name", "NOT IN", List.of("d")));
  }

  @Test
  void rejectsOrUnknownTypesAndInjection() {
    for (String bad :
        List.of(
            "a = 'x' OR b = 'y'",
            "foo.bar = 1",
            "params.x = 'a'; DROP TABLE runs",
            "metrics.x >",
            "params.x = 'unterminated",
            "params.x IN 'a'",
            "(params.x = 'a')")) {
      assertThatThrownBy(() -> FilterParser.parse(bad)).as(bad).isInstanceOf(MlflowException.class);
    }
  }

  @Test
  void orderByEntries() {
    assertThat(FilterParser.orderBy("metrics.acc DESC"))
        .isEqualTo(new OrderBy(Clause.METRIC, "acc", false));
    assertThat(FilterParser.orderBy("start_time"))
        .isEqualTo(new OrderBy(Clause.ATTRIBUTE, "start_time", true));
    assertThat(FilterParser.orderBy("params.`my param` asc"))
        .isEqualTo(new OrderBy(Clause.PARAM, "my param", true));
    assertThatThrownBy(() -> FilterParser.orderBy("metrics.acc SIDEWAYS"))
        .isInstanceOf(MlflowException.class);
  }

  @Test
  void pageTokensRoundTripAndRejectGarbage() {
    assertThat(PageToken.offset(PageToken.of(1234))).isEqualTo(1234);
    assertThat(PageToken.offset(null)).isZero();
    assertThatThrownBy(() -> PageToken.offset("not-base64!")).isInstanceOf(MlflowException.class);
    assertThatThrownBy(() -> PageToken.offset("eyJvZmZzZXQiOiAtMX0="))
        .isInstanceOf(MlflowException.class);
  }

  @Test
  void likePatternsBecomeCaseSensitiveGlobs() {
    assertThat(SqlText.likeToGlob("exp%_[x]*?")).isEqualTo("exp*?[[]x][*][?]");
  }
}
