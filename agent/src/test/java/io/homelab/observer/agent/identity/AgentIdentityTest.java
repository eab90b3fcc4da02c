package io.homelab.observer.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentIdentityTest {

  @TempDir Path dir;

  @Test
  void idIsMadeOnceAndReadBackAfterARestart() throws Exception {
    String first = AgentIdentity.load(dir.resolve("agent"));
    assertThat(first).matches("[0-9a-f]{32}");
    assertThat(AgentIdentity.load(dir.resolve("agent"))).isEqualTo(first);
    assertThat(Files.readString(dir.resolve("agent").resolve(AgentIdentity.FILE)).strip())
        .isEqualTo(first);
    assertThat(AgentIdentity.load(dir.resolve("other"))).isNotEqualTo(first);
  }

  @Test
  void aDamagedIdFileIsRefusedNotReplaced() throws Exception {
    Files.writeString(dir.resolve(AgentIdentity.FILE), "not-an-id\n");
    assertThatThrownBy(() -> AgentIdentity.load(dir))
        .hasMessageContaining("does not hold an agent id");
    assertThat(Files.readString(dir.resolve(AgentIdentity.FILE))).isEqualTo("not-an-id\n");
  }
}
