package io.homelab.observer.controller.fleet;

import static io.homelab.observer.controller.TestApi.asAdmin;
import static io.restassured.RestAssured.given;

import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.signing.RequestSigner;
import io.homelab.observer.controller.FreshDataDir;
import io.homelab.observer.controller.keys.ControllerKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name keeps it out of the default surefire run): the controller's
 * fan-out list over N real agents against the slowest agent's own answer time, measured side by
 * side in the same rounds, then again with one agent black-holed. Run: {@code
 * benchmarks/controller-fanout.sh} (docs/benchmarks.md, "Controller fan-out").
 *
 * <p>Each round first asks every agent directly and in parallel (signed, same client library, same
 * {@code GET /api/containers?all=true}) and takes the slowest, then asks the controller once; the
 * ratio of medians is reported. Both see the same machine load, so the ratio isolates what the
 * controller adds.
 */
@QuarkusTest
class FanoutBenchmark {

  @Test
  void fanOutVersusSlowestAgent() throws Exception {
    int agents = Integer.getInteger("bench.agents", 20);
    int rounds = Integer.getInteger("bench.rounds", 30);
    int warmup = Integer.getInteger("bench.warmup", 10);
    String key = given().get("/api/public-key").then().statusCode(200).extract().path("publicKey");

    List<AgentProcess> procs = new ArrayList<>();
    List<SwitchableProxy> proxies = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(agents);
    try {
      // start two at a time: twenty JVMs at once on two cores would only thrash
      ExecutorService starter = Executors.newFixedThreadPool(2);
      List<CompletableFuture<AgentProcess>> starting = new ArrayList<>();
      for (int i = 0; i < agents; i++) {
        String name = "bench" + i;
        starting.add(
            CompletableFuture.supplyAsync(() -> AgentProcess.start(name, key, false), starter));
      }
      for (CompletableFuture<AgentProcess> f : starting) {
        procs.add(f.get(10, TimeUnit.MINUTES));
      }
      starter.shutdown();
      // every agent behind a forwarder, so one can be black-holed later; the direct calls use the
      // same path
      List<AgentClient> direct = new ArrayList<>();
      RequestSigner signer =
          new RequestSigner(
              ControllerKeys.loadOrCreate(FreshDataDir.DIR.toAbsolutePath()).getPrivate());
      for (int i = 0; i < agents; i++) {
        SwitchableProxy p = new SwitchableProxy(procs.get(i).port());
        proxies.add(p);
        asAdmin()
            .body(Map.of("name", "bench" + i, "url", p.url()))
            .post("/api/environments")
            .then()
            .statusCode(201);
        direct.add(
            AgentClient.builder(URI.create(p.url()))
                .signer(signer)
                .agentId(AgentClient.builder(URI.create(p.url())).build().ping().agentId())
                .requestTimeout(Duration.ofSeconds(30))
                .build());
      }

      long[] slowest = new long[rounds];
      long[] controller = new long[rounds];
      for (int r = -warmup; r < rounds; r++) {
        long s = slowestDirect(direct, pool);
        long c = controllerList(agents, 0);
        if (r >= 0) {
          slowest[r] = s;
          controller[r] = c;
        }
      }

      proxies.get(0).blackHole();
      long[] blackHoled = new long[Math.max(5, rounds / 3)];
      for (int r = 0; r < blackHoled.length; r++) {
        blackHoled[r] = controllerList(agents - 1, 1);
      }

      String report =
          String.format(
              "Controller fan-out benchmark, %s, %d agents, %d rounds (+%d warm-up), agent time-out %s%n"
                  + "  slowest agent, direct and parallel: median %.1f ms, p90 %.1f ms%n"
                  + "  controller GET /api/containers:     median %.1f ms, p90 %.1f ms%n"
                  + "  ratio of medians controller/slowest: %.2f%n"
                  + "  one agent black-holed (%d rounds):  median %.1f ms, max %.1f ms%n",
              Instant.now(),
              agents,
              rounds,
              warmup,
              org.eclipse.microprofile.config.ConfigProvider.getConfig()
                  .getValue("homelab.controller.agents.timeout", String.class),
              ms(median(slowest)),
              ms(p90(slowest)),
              ms(median(controller)),
              ms(p90(controller)),
              (double) median(controller) / median(slowest),
              blackHoled.length,
              ms(median(blackHoled)),
              ms(Arrays.stream(blackHoled).max().orElse(0)));
      System.out.print(report);
      Path out = Path.of("target/benchmarks/controller-fanout.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
    } finally {
      pool.shutdownNow();
      proxies.forEach(SwitchableProxy::close);
      procs.forEach(AgentProcess::stop);
    }
  }

  /** Nanoseconds until the last of the agents answered, all asked at once. */
  private static long slowestDirect(List<AgentClient> direct, ExecutorService pool)
      throws Exception {
    long start = System.nanoTime();
    List<CompletableFuture<Long>> fs = new ArrayList<>();
    for (AgentClient c : direct) {
      fs.add(
          CompletableFuture.supplyAsync(
              () -> {
                c.containers(true);
                return System.nanoTime();
              },
              pool));
    }
    long last = 0;
    for (CompletableFuture<Long> f : fs) {
      last = Math.max(last, f.get(60, TimeUnit.SECONDS));
    }
    return last - start;
  }

  /**
   * Nanoseconds for one controller fan-out; checks the answer has the expected number of errors.
   */
  private static long controllerList(int answering, int errors) throws IOException {
    long start = System.nanoTime();
    JsonPath body = asAdmin().get("/api/containers").then().statusCode(200).extract().jsonPath();
    long took = System.nanoTime() - start;
    if (body.getList("errors").size() != errors) {
      throw new IllegalStateException(
          "expected " + errors + " error entries, got " + body.getList("errors"));
    }
    if (body.getList("items.environmentId").stream().distinct().count() > answering) {
      throw new IllegalStateException("more environments answered than expected");
    }
    return took;
  }

  private static long median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static long p90(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.9) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
