package io.homelab.observer.agent.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.homelab.observer.agent.AgentProfiles;
import io.homelab.observer.agent.TestController;
import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.client.AgentException;
import io.homelab.observer.common.wire.ContainerAction;
import io.homelab.observer.common.wire.ContainerDetail;
import io.homelab.observer.common.wire.ContainerStats;
import io.homelab.observer.common.wire.ContainerSummary;
import io.homelab.observer.common.wire.DeployRequest;
import io.homelab.observer.common.wire.DeployResult;
import io.homelab.observer.common.wire.ExecResult;
import io.homelab.observer.common.wire.LogLine;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every container operation of the agent API on real containers of the real dockerd. */
@QuarkusTest
@TestProfile(AgentProfiles.Paired.class)
class ContainerResourceTest {

  @TestHTTPResource("/")
  URI base;

  @Inject DockerClient docker;

  AgentClient agent;

  @BeforeEach
  void client() {
    agent = TestController.client(base);
  }

  @AfterAll
  static void cleanUp() {
    ContainerTestSupport.removeOurContainers();
  }

  static DeployRequest sleeper(String name) {
    return new DeployRequest(
        TestController.image(),
        name,
        List.of(
            "sh",
            "-c",
            "echo started; echo oops >&2; trap 'exit 0' TERM; while true; do sleep 1; done"),
        Map.of("GREETING", "hello world"),
        List.of("127.0.0.1::8080/tcp"),
        List.of(name + "-data:/data"),
        "no",
        TestController.labels(),
        false,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static String name() {
    return TestController.PREFIX + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void deployListInspectAndRemove() {
    String name = name();
    DeployResult deployed = agent.deploy(sleeper(name));
    assertThat(deployed.state()).isEqualTo("running");

    ContainerSummary row =
        agent.containers(false).stream()
            .filter(c -> c.id().equals(deployed.id()))
            .findFirst()
            .orElseThrow();
    assertThat(row.name()).isEqualTo(name);
    assertThat(row.state()).isEqualTo("running");
    assertThat(row.image()).isEqualTo(TestController.image());
    assertThat(row.labels()).containsEntry(TestController.LABEL, TestController.LABEL_VALUE);
    assertThat(row.ports())
        .anySatisfy(
            p -> {
              assertThat(p.privatePort()).isEqualTo(8080);
              assertThat(p.ip()).isEqualTo("127.0.0.1");
              assertThat(p.publicPort()).isPositive();
              assertThat(p.type()).isEqualTo("tcp");
            });
    assertThat(row.imageId()).startsWith("sha256:");
    assertThat(row.command()).startsWith("sh -c");
    assertThat(row.status()).startsWith("Up");
    assertThat(row.created()).isAfter(java.time.Instant.now().minusSeconds(600));

    ContainerDetail detail = agent.container(name);
    assertThat(detail.id()).isEqualTo(deployed.id());
    assertThat(detail.env()).contains("GREETING=hello world");
    assertThat(detail.state().running()).isTrue();
    assertThat(detail.privileged()).isFalse();
    assertThat(detail.mounts()).anySatisfy(m -> assertThat(m.destination()).isEqualTo("/data"));
    assertThat(detail.labels()).containsKey("io.homelab.observer.deployed-by");

    assertThatThrownBy(() -> agent.removeContainer(name, false, false))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(409));
    ContainerAction removed = agent.removeContainer(name, true, true);
    assertThat(removed.state()).isEqualTo("removed");
    assertThatThrownBy(() -> agent.container(name))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.error()).isEqualTo("NOT_FOUND");
            });
  }

  @Test
  void lifecycleActionsAreIdempotent() {
    String name = name();
    agent.deploy(sleeper(name));
    assertThat(agent.containerAction(name, "start").changed()).isFalse();
    ContainerAction paused = agent.containerAction(name, "pause");
    assertThat(paused.changed()).isTrue();
    assertThat(paused.state()).isEqualTo("paused");
    assertThat(agent.containerAction(name, "pause").changed()).isFalse();
    assertThat(agent.containerAction(name, "unpause").state()).isEqualTo("running");
    assertThat(agent.containerAction(name, "restart").state()).isEqualTo("running");
    ContainerAction stopped = agent.containerAction(name, "stop");
    assertThat(stopped.state()).isEqualTo("exited");
    assertThat(agent.containerAction(name, "stop").changed()).isFalse();
    assertThat(agent.containerAction(name, "start").state()).isEqualTo("running");
    assertThat(agent.containerAction(name, "kill").state()).isIn("exited", "dead");
    assertThatThrownBy(() -> agent.containerAction(name, "kill"))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(409));
    agent.removeContainer(name, true, true);
  }

  @Test
  void badInputIs400AndUnknownIs404() {
    assertThatThrownBy(() -> agent.containerAction("nope-" + UUID.randomUUID(), "explode"))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("unknown action");
            });
    assertThatThrownBy(() -> agent.container("bad id!"))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(
            () -> agent.containerAction("agentapi-missing-" + UUID.randomUUID(), "start"))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(404));
    var raw =
        agent.raw("POST", "/api/containers", "{not json".getBytes(StandardCharsets.UTF_8), true);
    assertThat(raw.statusCode()).isEqualTo(400);
    assertThat(new String(raw.body(), StandardCharsets.UTF_8))
        .contains("\"error\":\"BAD_REQUEST\"");
    var unknownField =
        agent.raw(
            "POST",
            "/api/containers",
            ("{\"image\":\""
                    + TestController.image()
                    + "\",\"securityOpt\":[\"apparmor=unconfined\"]}")
                .getBytes(StandardCharsets.UTF_8),
            true);
    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(new String(unknownField.body(), StandardCharsets.UTF_8)).contains("securityOpt");
  }

  @Test
  void logsTailTimestampsAndFollow() throws Exception {
    String name = name();
    agent.deploy(sleeper(name));
    ContainerTestSupport.waitFor(() -> agent.logs(name, null, null, false).lines().size() >= 2);
    var logs = agent.logs(name, null, null, true);
    assertThat(logs.lines()).extracting(LogLine::message).contains("started", "oops");
    assertThat(logs.lines())
        .filteredOn(l -> l.message().equals("oops"))
        .first()
        .satisfies(
            l -> {
              assertThat(l.stream()).isEqualTo("stderr");
              assertThat(l.timestamp()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            });
    assertThat(agent.logs(name, 1, null, false).lines()).hasSize(1);

    CompletableFuture<List<String>> followed =
        CompletableFuture.supplyAsync(
            () -> {
              try (Stream<LogLine> s = agent.followLogs(name, 0, null, false)) {
                Iterator<LogLine> it = s.iterator();
                return List.of(it.next().message(), it.next().message());
              }
            });
    Thread.sleep(500);
    agent.exec(
        name, List.of("sh", "-c", "echo live-one > /proc/1/fd/1; echo live-two > /proc/1/fd/1"));
    assertThat(followed.get(20, TimeUnit.SECONDS)).containsExactly("live-one", "live-two");
    agent.removeContainer(name, true, true);
  }

  @Test
  void execReturnsOutputAndExitCode() {
    String name = name();
    agent.deploy(sleeper(name));
    ExecResult ok = agent.exec(name, List.of("sh", "-c", "echo $GREETING; echo err >&2; exit 3"));
    assertThat(ok.stdout()).isEqualTo("hello world\n");
    assertThat(ok.stderr()).isEqualTo("err\n");
    assertThat(ok.exitCode()).isEqualTo(3);
    agent.containerAction(name, "stop");
    assertThatThrownBy(() -> agent.exec(name, List.of("true")))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(409));
    agent.removeContainer(name, true, true);
  }

  @Test
  void statsOfARunningContainer() {
    String name = name();
    agent.deploy(sleeper(name));
    ContainerStats stats = agent.stats(name);
    assertThat(stats.memoryUsageBytes()).isPositive();
    assertThat(stats.memoryLimitBytes()).isPositive();
    assertThat(stats.pids()).isPositive();
    assertThat(stats.onlineCpus()).isPositive();
    assertThat(stats.cpuPercent()).isGreaterThanOrEqualTo(0);
    agent.removeContainer(name, true, true);
  }

  @Test
  void listCarriesCgroupMemoryOfRunningContainers() {
    String name = name();
    String id = agent.deploy(sleeper(name)).id();
    ContainerTestSupport.waitFor(
        () ->
            agent.containers(false).stream()
                .anyMatch(
                    c -> c.id().equals(id) && c.memoryBytes() != null && c.cpuPercent() != null));
    ContainerSummary row =
        agent.containers(true).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    assertThat(row.memoryBytes()).isPositive();
    assertThat(row.cpuPercent()).isGreaterThanOrEqualTo(0.0);
    agent.removeContainer(name, true, true);
  }

  @Test
  void consoleRunsAShellOverASignedWebSocket() throws Exception {
    String name = name();
    agent.deploy(sleeper(name));
    StringBuffer received = new StringBuffer();
    CompletableFuture<Void> sawMarker = new CompletableFuture<>();
    WebSocket ws =
        agent
            .console(
                name,
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                    received.append(StandardCharsets.UTF_8.decode(data));
                    if (received.toString().contains("console-42")) {
                      sawMarker.complete(null);
                    }
                    w.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    received.append(data);
                    w.request(1);
                    return null;
                  }
                })
            .get(20, TimeUnit.SECONDS);
    ws.sendText("echo console-$((40+2))\n", true).get(5, TimeUnit.SECONDS);
    sawMarker.get(20, TimeUnit.SECONDS);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    agent.removeContainer(name, true, true);
  }
}
