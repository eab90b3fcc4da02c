package io.homelab.observer.agent.logship;

import static io.homelab.observer.agent.logship.ShipperHarness.await;
import static io.homelab.observer.agent.logship.ShipperHarness.of;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log shipping on the real dockerd into a {@link LogReceiver} that implements the ingest contract:
 * busybox containers print numbered lines while the receiver and the shipper (the agent) are
 * stopped and started again; every line must arrive exactly once.
 */
class LogShippingTest {

  @TempDir Path dir;
  private ShipperHarness harness;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void setUp() {
    harness = new ShipperHarness();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    harness.close();
  }

  private <T extends AutoCloseable> T closing(T c) {
    open.add(c);
    return c;
  }

  /** 1,500 lines: every tenth on stderr with an error level, a pause every 50 (about 6 s). */
  static final int LINES = 1500;

  static final String NUMBERED =
      "i=0; while [ $i -lt "
          + LINES
          + " ]; do i=$((i+1)); if [ $((i % 10)) = 0 ]; then echo \"ERROR err $i\" >&2;"
          + " else echo \"out $i\"; fi; if [ $((i % 50)) = 0 ]; then sleep 0.2; fi; done";

  @Test
  void everyLineArrivesExactlyOnceAcrossServerAndAgentRestarts() throws Exception {
    LogReceiver receiver = closing(new LogReceiver(ShipperHarness.TOKEN));
    // The first two batches are stored but never answered: the shipper must send them again
    // under the same batch id, and the receiver must see them as duplicates.
    receiver.loseAnswers(2);
    LogShipper.Settings settings = harness.settings(receiver.baseUrl(), dir, false);
    LogShipper first = harness.start(settings);
    String id = harness.run("numbered", Map.of(), NUMBERED);

    await(30, "first lines shipped", () -> of(receiver.entries(), id).size() >= 200);
    receiver.stop(); // the tracking server goes down...
    Thread.sleep(1000);
    first.close(); // ...then the agent restarts while the container keeps logging
    Thread.sleep(1000);
    LogShipper second = closing(harness.start(settings));
    Thread.sleep(1500); // lines pile up in the buffer
    receiver.start();

    await(60, "container done", () -> harness.exited(id));
    await(
        60,
        "all " + LINES + " lines shipped, got " + of(receiver.entries(), id).size(),
        () -> of(receiver.entries(), id).size() >= LINES);
    Thread.sleep(1000); // a late duplicate would show now
    List<JsonNode> got = of(receiver.entries(), id);

    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= LINES; i++) {
      expected.add(i % 10 == 0 ? "ERROR err " + i : "out " + i);
    }
    assertThat(got).extracting(e -> e.path("message").asText()).hasSameElementsAs(expected);
    assertThat(got).hasSize(LINES);
    assertThat(receiver.duplicates()).isGreaterThanOrEqualTo(2);
    assertThat(receiver.unauthorized()).isZero();
    assertThat(receiver.batchIds()).allMatch(b -> b.matches(settings.agentId() + "-\\d+"));

    String name = "numbered-" + harness.run;
    for (JsonNode e : got) {
      boolean err = e.path("message").asText().startsWith("ERROR");
      assertThat(e.path("host").asText()).isEqualTo("test-host");
      assertThat(e.path("service").asText()).isEqualTo(name);
      assertThat(e.path("level").asText(null)).isEqualTo(err ? "error" : null);
      assertThat(e.path("timestamp").asLong()).isPositive();
      JsonNode labels = e.path("labels");
      assertThat(labels.path("stream").asText()).isEqualTo(err ? "stderr" : "stdout");
      assertThat(labels.path("container_name").asText()).isEqualTo(name);
      assertThat(labels.path("container_id").asText()).isEqualTo(id);
      assertThat(labels.path("image").asText()).isEqualTo(ShipperHarness.image());
    }
    assertThat(second.metrics())
        .filteredOn(f -> f.name().equals("homelab_agent_logs_buffer_batches"))
        .singleElement()
        .satisfies(f -> assertThat(f.samples().get(0).value()).isZero());
  }

  /** Prints 20 lines tagged with the how-many-th start this is, then waits to be stopped. */
  static final String PER_RUN =
      "n=$(cat /tmp/runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > /tmp/runs; i=0;"
          + " while [ $i -lt 20 ]; do i=$((i+1)); echo \"run $n line $i\"; done;"
          + " trap 'exit 0' TERM; sleep 3600 & wait";

  @Test
  void restartsAndRenamesAreFollowed() throws Exception {
    LogReceiver receiver = closing(new LogReceiver(ShipperHarness.TOKEN));
    closing(harness.start(harness.settings(receiver.baseUrl(), dir, false)));
    String id = harness.run("renamed", Map.of(), PER_RUN);
    await(30, "first run shipped", () -> of(receiver.entries(), id).size() >= 20);

    String newName = "renamed-later-" + harness.run;
    harness.docker.renameContainerCmd(id).withName(newName).exec();
    Thread.sleep(500); // the rename event reaches the follower before the next run's lines
    harness.docker.restartContainerCmd(id).withTimeout(5).exec();
    await(30, "second run shipped", () -> of(receiver.entries(), id).size() >= 40);
    Thread.sleep(1000);

    List<JsonNode> got = of(receiver.entries(), id);
    assertThat(got).hasSize(40);
    for (int run = 1; run <= 2; run++) {
      for (int i = 1; i <= 20; i++) {
        String message = "run " + run + " line " + i;
        String name = run == 1 ? "renamed-" + harness.run : newName;
        assertThat(got)
            .filteredOn(e -> e.path("message").asText().equals(message))
            .singleElement()
            .satisfies(
                e -> assertThat(e.path("labels").path("container_name").asText()).isEqualTo(name));
      }
    }
  }

  @Test
  void optOutAndOptInLabelsAreHonoured() throws Exception {
    LogReceiver all = closing(new LogReceiver(ShipperHarness.TOKEN));
    LogReceiver optIn = closing(new LogReceiver(ShipperHarness.TOKEN));
    closing(harness.start(harness.settings(all.baseUrl(), dir.resolve("all"), false)));
    closing(harness.start(harness.settings(optIn.baseUrl(), dir.resolve("opt-in"), true)));
    String script = "for i in 1 2 3 4 5 6 7 8 9 10; do echo line $i; done";
    String plain = harness.run("plain", Map.of(), script);
    String optedOut = harness.run("opted-out", Map.of("homelab.logs", "false"), script);
    String optedIn = harness.run("opted-in", Map.of("homelab.logs", "true"), script);

    await(
        30,
        "plain and opted-in shipped in all mode",
        () -> of(all.entries(), plain).size() == 10 && of(all.entries(), optedIn).size() == 10);
    await(30, "opted-in shipped in opt-in mode", () -> of(optIn.entries(), optedIn).size() == 10);
    await(30, "opted-out container done", () -> harness.exited(optedOut));
    Thread.sleep(1500); // several flush intervals: anything of the opted-out one would be here

    assertThat(of(all.entries(), optedOut)).isEmpty();
    assertThat(of(optIn.entries(), optedOut)).isEmpty();
    assertThat(of(optIn.entries(), plain)).isEmpty();
    assertThat(all.entries()).hasSize(20);
    assertThat(optIn.entries()).hasSize(10);
  }
}
