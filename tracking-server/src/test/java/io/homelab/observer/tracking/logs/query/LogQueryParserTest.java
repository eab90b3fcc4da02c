package io.homelab.observer.tracking.logs.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.tracking.logs.LogEntry;
import io.homelab.observer.tracking.logs.query.LogQuery.And;
import io.homelab.observer.tracking.logs.query.LogQuery.Field;
import io.homelab.observer.tracking.logs.query.LogQuery.FieldName;
import io.homelab.observer.tracking.logs.query.LogQuery.Not;
import io.homelab.observer.tracking.logs.query.LogQuery.Or;
import io.homelab.observer.tracking.logs.query.LogQuery.Text;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query language: what parses to what, and where a bad query is reported. */
class LogQueryParserTest {

  @Test
  void blankQueryMatchesEverything() {
    assertThat(LogQueryParser.parse("  ")).isInstanceOf(LogQuery.All.class);
    assertThat(LogQueryParser.parse(null)).isInstanceOf(LogQuery.All.class);
  }

  @Test
  void juxtaposedWordsAreAndedAndOrBindsLooser() {
    LogQuery q = LogQueryParser.parse("disk full OR oom");
    assertThat(q).isInstanceOf(Or.class);
    Or or = (Or) q;
    assertThat(or.parts().get(0)).isInstanceOf(And.class);
    assertThat(((Text) or.parts().get(1)).tokens()).containsExactly("oom");
  }

  @Test
  void parenthesesGroupAndNotAndMinusNegate() {
    And q = (And) LogQueryParser.parse("(timeout OR refused) NOT debug -\"health check\"");
    assertThat(q.parts()).hasSize(3);
    assertThat(q.parts().get(0)).isInstanceOf(Or.class);
    assertThat(((Not) q.parts().get(1)).part()).isInstanceOf(Text.class);
    Text phrase = (Text) ((Not) q.parts().get(2)).part();
    assertThat(phrase.phrase()).isTrue();
    assertThat(phrase.tokens()).containsExactly("health", "check");
  }

  @Test
  void lowerCaseOperatorsAreWords() {
    And q = (And) LogQueryParser.parse("cats and dogs");
    assertThat(q.parts()).hasSize(3);
    assertThat(((Text) q.parts().get(1)).tokens()).containsExactly("and");
  }

  @Test
  void prefixAndFields() {
    And q =
        (And)
            LogQueryParser.parse(
                "conn* host:nas-01 service:\"my app\" level:ERROR label.stream:std*");
    Text prefix = (Text) q.parts().get(0);
    assertThat(prefix.prefix()).isTrue();
    assertThat(prefix.tokens()).containsExactly("conn");
    assertThat(q.parts().get(1)).isEqualTo(new Field(FieldName.HOST, null, "nas-01", false));
    assertThat(q.parts().get(2)).isEqualTo(new Field(FieldName.SERVICE, null, "my app", false));
    assertThat(q.parts().get(3)).isEqualTo(new Field(FieldName.LEVEL, null, "ERROR", false));
    assertThat(q.parts().get(4)).isEqualTo(new Field(FieldName.LABEL, "stream", "std", true));
  }

  @Test
  void unknownFieldNameIsPlainText() {
    Text t = (Text) LogQueryParser.parse("error:timeout");
    assertThat(t.tokens()).containsExactly("error", "timeout");
  }

  @Test
  void dottedWordsAndAccentsFoldLikeTheIndex() {
    Text t = (Text) LogQueryParser.parse("Café.Example");
    assertThat(t.tokens()).containsExactly("cafe", "example");
  }

  @Test
  void badQueriesNameThePosition() {
    expectError("(timeout OR refused", 1, "never closed");
    expectError("timeout)", 8, "without a matching");
    expectError("\"unterminated phrase", 1, "quote is never closed");
    expectError("disk AND", 9, "missing at the end");
    expectError("OR disk", 1, "missing");
    expectError("host:", 6, "value is missing");
    expectError("fo*o", 3, "only at the end");
    expectError("a ( ) b", 5, "missing before ')'");
    expectError("label.:x", 1, "needs a name");
    expectError("... x", 1, "no letters or digits");
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "(".repeat(40) + "x" + ")".repeat(40);
    assertThatThrownBy(() -> LogQueryParser.parse(deep))
        .isInstanceOf(LogQueryException.class)
        .hasMessageContaining("nested deeper");
  }

  @Test
  void matcherAgreesWithTheLanguageAndHighlightsPositiveTerms() {
    LogEntry e =
        new LogEntry(
            1, 0, "nas", "smbd", "error", "Disk /dev/sda1 full: cannot write", Map.of("a", "b"));
    assertThat(matches("disk full", e)).isTrue();
    assertThat(matches("\"sda1 full\"", e)).isTrue();
    assertThat(matches("\"full sda1\"", e)).isFalse();
    assertThat(matches("dis* AND NOT ok", e)).isTrue();
    assertThat(matches("host:NAS level:error label.a:b", e)).isTrue();
    assertThat(matches("host:nas -disk", e)).isFalse();
    assertThat(matches("service:smb* (nothing OR cannot)", e)).isTrue();
    List<int[]> marks =
        new LogMatcher(LogQueryParser.parse("disk OR writ* NOT cannot")).highlights(e.message());
    assertThat(marks)
        .extracting(r -> e.message().substring(r[0], r[1]))
        .containsExactly("Disk", "write");
  }

  private static boolean matches(String q, LogEntry e) {
    return new LogMatcher(LogQueryParser.parse(q)).matches(e);
  }

  private static void expectError(String query, int position, String text) {
    assertThatThrownBy(() -> LogQueryParser.parse(query))
        .as(query)
        .isInstanceOfSatisfying(
            LogQueryException.class, e -> assertThat(e.position()).as(query).isEqualTo(position))
        .hasMessageContaining(text)
        .hasMessageContaining("position " + position);
  }
}
