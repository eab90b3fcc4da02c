package io.homelab.observer.agent.logship;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LevelGuessTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      value = {
        "time=2026-12-05T14:00:00Z level=warn msg=\"disk almost full\"|warn",
        "{\"ts\":1,\"level\":\"ERROR\",\"msg\":\"boom\"}|error",
        "{\"severity\":\"debug\",\"msg\":\"x\"}|debug",
        "2026/12/05 14:00:00 [error] 29#29: *1 open() failed|error",
        "2026-12-05 14:00:00,123 INFO  [main] started|info",
        "ERROR: relation \"users\" does not exist|error",
        "2026-12-05 14:00:00.000 UTC [1] WARNING:  could not open|warn",
        "[Sat Dec 05 14:00:00 2026] [notice] Apache configured|info",
        "   at java.base/Thread.run(Thread.java:840)|NONE",
        "GET /info HTTP/1.1 200|NONE",
        "out 12|NONE",
        "an error occurred in the middle of free text|NONE",
        "[x] [crit] failed|error"
      })
  void levelIsTakenOnlyWhereTheLineShowsOne(String line, String level) {
    assertThat(LevelGuess.of(line)).isEqualTo(level);
  }
}
