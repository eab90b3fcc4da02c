package io.homelab.observer.common.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's offline commands; its signed calls are exercised against the real agent in
 * docs/agent.md.
 */
class AgentCliTest {

  @Test
  void keygenPrintsTheSameKeyTwiceAndUsageIsExitCode2(@TempDir Path dir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    assertThat(AgentCli.run(new String[] {"keygen", dir.toString()}, ps, ps)).isZero();
    assertThat(AgentCli.run(new String[] {"keygen", dir.toString()}, ps, ps)).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).isEqualTo(lines[1]).startsWith("MCowBQYDK2Vw");
    assertThat(Files.exists(dir.resolve("private.key"))).isTrue();
    assertThat(AgentCli.run(new String[] {"bogus"}, ps, ps)).isEqualTo(2);
  }
}
